import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  mailedToken,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
let admin: string;

const address = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const teamToken = (to: string) =>
  mailedToken(portal, to, { template: 'team-invite', page: 'team-invitation' });
const acceptBody = (token: string) => ({
  token,
  password: STRONG_PASSWORD,
  passwordConfirmation: STRONG_PASSWORD,
});

interface Team {
  customerId: string;
  main: string;
  mainId: string;
}

/** A managed customer whose contact has registered: the main user of a team of one, signed in. */
async function newTeam(companyName: string, contactEmail: string): Promise<Team> {
  const created = await api('POST', '/api/customers', admin, {
    companyName,
    address,
    contactName: 'Erika Mustermann',
    contactEmail,
    serviceMode: 'managed',
  });
  expect(created.statusCode, created.body).toBe(201);
  const token = await mailedToken(portal, contactEmail, { template: 'customer-invite', page: 'invitation' });
  const accepted = await api('POST', '/api/invitations/accept', '', acceptBody(token));
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { customerId: created.json().id, main: sessionCookieOf(accepted), mainId: accepted.json().user.id };
}

/** Invites the address into the team; returns the new member's id. */
async function invite(team: Team, email: string): Promise<string> {
  const res = await api('POST', '/api/portal/team/invitations', team.main, { email });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Invites the address and accepts the mailed link: an active member, signed in. */
async function join(team: Team, email: string): Promise<{ id: string; cookie: string }> {
  const id = await invite(team, email);
  const res = await api('POST', '/api/team-invitations/accept', '', acceptBody(await teamToken(email)));
  expect(res.statusCode, res.body).toBe(200);
  return { id, cookie: sessionCookieOf(res) };
}

const members = async (cookie: string) => (await api('GET', '/api/portal/team', cookie)).json().members;

const customerRow = async (id: string) =>
  (
    await queryRows<{ main_user_id: string; contact_email: string; version: number }>(
      portal.connection.db,
      sql`select main_user_id, contact_email, version from customers where id = ${id}`,
    )
  )[0];

const auditActions = async (customerId: string) =>
  (
    await queryRows<{ action: string }>(
      portal.connection.db,
      sql`select action from audit_log where object_type = 'customer' and object_id = ${customerId} order by id`,
    )
  ).map((r) => r.action);

/**
 * On a PostgreSQL server: starts the requests while a transaction of the test holds the customer row, and
 * lets go only when two of them wait for a lock, so that they really overlap instead of running one after
 * the other by chance. PGlite is one connection that runs transactions one at a time: there they just run.
 */
async function whileRowLocked<T>(customerId: string, start: () => Promise<T>): Promise<T> {
  if (portal.connection.kind !== 'postgres') return start();
  const db = portal.connection.db;
  const { running } = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from customers where id = ${customerId} for update`);
    const started = { running: start() };
    for (let waited = 0; ; waited += 20) {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((row?.n ?? 0) >= 2) break;
      if (waited > 60_000) throw new Error('the requests never waited for the customer row');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return started;
  });
  return running;
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  const mail = await api('PUT', '/api/settings/mail', admin, {
    transport: 'log',
    fromAddress: 'portal@provider.test',
  });
  expect(mail.statusCode).toBe(200);
});
afterAll(() => portal.dispose());

describe('inviting a member (R-6.3)', () => {
  it('mails a link; the member sets a password, becomes active and is signed in', async () => {
    const team = await newTeam('Acme GmbH', 'main@acme.test');
    const invited = await api('POST', '/api/portal/team/invitations', team.main, {
      email: 'Mia@Acme.test',
      locale: 'de',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({
      email: 'mia@acme.test',
      status: 'invited',
      isMainUser: false,
      isYou: false,
    });
    const [mail] = await queryRows<{ subject: string }>(
      portal.connection.db,
      sql`select subject from mails where to_address = 'mia@acme.test'`,
    );
    expect(mail?.subject).toBe('Treten Sie dem Team von Acme GmbH im vMSP Portal bei');

    const token = await teamToken('mia@acme.test');
    expect((await api('GET', `/api/team-invitations/${token}`, '')).json()).toEqual({
      email: 'mia@acme.test',
      companyName: 'Acme GmbH',
    });
    const weak = await api('POST', '/api/team-invitations/accept', '', {
      token,
      password: 'acme gmbh 2026',
      passwordConfirmation: 'acme gmbh 2026',
    });
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });

    const accepted = await api('POST', '/api/team-invitations/accept', '', acceptBody(token));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email: 'mia@acme.test',
      role: 'customer',
      customerId: team.customerId,
      locale: 'de',
    });
    const mia = sessionCookieOf(accepted);
    expect((await api('GET', '/api/portal/company', mia)).json()).toMatchObject({ companyName: 'Acme GmbH' });
    expect(await signIn(portal, 'mia@acme.test')).toMatch(/^vmsp_session=/);

    const view = (await api('GET', '/api/portal/team', mia)).json();
    expect(view.canManage).toBe(false);
    expect(view.members).toEqual([
      expect.objectContaining({ email: 'main@acme.test', status: 'active', isMainUser: true, isYou: false }),
      expect.objectContaining({ email: 'mia@acme.test', status: 'active', isMainUser: false, isYou: true }),
    ]);
    expect((await api('GET', '/api/portal/team', team.main)).json().canManage).toBe(true);

    // The link works once, and a customer's invitation link is not a team link.
    expect((await api('POST', '/api/team-invitations/accept', '', acceptBody(token))).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    const other = await api('POST', '/api/customers', admin, {
      companyName: 'Other AG',
      address,
      contactName: 'Otto',
      contactEmail: 'otto@other.test',
      serviceMode: 'managed',
    });
    expect(other.statusCode).toBe(201);
    const customerLink = await mailedToken(portal, 'otto@other.test', {
      template: 'customer-invite',
      page: 'invitation',
    });
    expect((await api('GET', `/api/team-invitations/${customerLink}`, '')).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect(await auditActions(team.customerId)).toEqual(
      expect.arrayContaining(['team.member-invited', 'team.member-joined']),
    );
  });

  it('refuses an address any user has already, and refuses without a mail server', async () => {
    const team = await newTeam('Beta AG', 'main@beta.test');
    for (const email of ['MAIN@beta.test', 'admin@provider.test']) {
      const res = await api('POST', '/api/portal/team/invitations', team.main, { email });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    }
    expect((await api('PUT', '/api/settings/mail', admin, { transport: 'none' })).statusCode).toBe(200);
    const res = await api('POST', '/api/portal/team/invitations', team.main, { email: 'new@beta.test' });
    expect(res.json()).toMatchObject({ code: 'MAIL_NOT_CONFIGURED' });
    expect(await members(team.main)).toHaveLength(1);
    expect(
      (
        await api('PUT', '/api/settings/mail', admin, {
          transport: 'log',
          fromAddress: 'portal@provider.test',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('a locked customer cannot be joined', async () => {
    const team = await newTeam('Locked KG', 'main@locked.test');
    await invite(team, 'late@locked.test');
    const token = await teamToken('late@locked.test');
    expect(
      (await api('PUT', `/api/customers/${team.customerId}/locked`, admin, { locked: true })).statusCode,
    ).toBe(200);
    expect((await api('GET', `/api/team-invitations/${token}`, '')).json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
    });
    const refused = await api('POST', '/api/team-invitations/accept', '', acceptBody(token));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await api('PUT', `/api/customers/${team.customerId}/locked`, admin, { locked: false });
    expect((await api('POST', '/api/team-invitations/accept', '', acceptBody(token))).statusCode).toBe(200);
  });

  it('a customer being deleted cannot be joined; after the deletion is undone the link works', async () => {
    const team = await newTeam('Leaving KG', 'main@leaving.test');
    await invite(team, 'late@leaving.test');
    const token = await teamToken('late@leaving.test');
    const { version } = (await api('GET', `/api/customers/${team.customerId}`, admin)).json();
    const marked = await api('POST', `/api/customers/${team.customerId}/delete`, admin, {
      confirmation: 'DELETE',
      version,
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await api('GET', `/api/team-invitations/${token}`, '')).json()).toMatchObject({
      code: 'ACCOUNT_DELETING',
    });
    const refused = await api('POST', '/api/team-invitations/accept', '', acceptBody(token));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DELETING' });
    const [late] = await queryRows<{ status: string }>(
      portal.connection.db,
      sql`select status from users where email = 'late@leaving.test'`,
    );
    expect(late?.status).toBe('invited');

    const current = (await api('GET', `/api/customers/${team.customerId}`, admin)).json();
    const undone = await api('POST', `/api/customers/${team.customerId}/undo-delete`, admin, {
      version: current.version,
    });
    expect(undone.statusCode, undone.body).toBe(200);
    const mismatch = await api('POST', '/api/team-invitations/accept', '', {
      ...acceptBody(token),
      passwordConfirmation: `${STRONG_PASSWORD}!`,
    });
    expect(mismatch.json()).toMatchObject({ code: 'PASSWORDS_DO_NOT_MATCH', field: 'passwordConfirmation' });
    expect((await api('POST', '/api/team-invitations/accept', '', acceptBody(token))).statusCode).toBe(200);
  });
});

describe('who may manage the team', () => {
  it('only the main user: a member gets NOT_MAIN_USER, an admin FORBIDDEN, nobody signed in 401', async () => {
    const team = await newTeam('Gamma GmbH', 'main@gamma.test');
    const member = await join(team, 'max@gamma.test');
    const other = await join(team, 'ola@gamma.test');
    const attempts: ['POST' | 'PUT' | 'DELETE', string, object?][] = [
      ['POST', '/api/portal/team/invitations', { email: 'x@gamma.test' }],
      ['POST', `/api/portal/team/invitations/${other.id}/resend`],
      ['DELETE', `/api/portal/team/invitations/${other.id}`],
      ['PUT', `/api/portal/team/members/${other.id}/enabled`, { enabled: false }],
      ['DELETE', `/api/portal/team/members/${other.id}`],
      ['POST', '/api/portal/team/main-user', { userId: member.id }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await api(method, url, member.cookie, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'NOT_MAIN_USER' });
    }
    expect((await api('GET', '/api/portal/team', admin)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api('GET', '/api/portal/team', '')).statusCode).toBe(401);
    expect(await members(team.main)).toHaveLength(3);
  });

  it("a main user cannot reach another customer's users", async () => {
    const a = await newTeam('Delta GmbH', 'main@delta.test');
    const b = await newTeam('Epsilon GmbH', 'main@epsilon.test');
    const stranger = await join(b, 'sam@epsilon.test');
    for (const [method, url, body] of [
      ['PUT', `/api/portal/team/members/${stranger.id}/enabled`, { enabled: false }],
      ['DELETE', `/api/portal/team/members/${stranger.id}`],
      ['POST', '/api/portal/team/main-user', { userId: stranger.id }],
    ] as const) {
      const res = await api(method, url, a.main, body);
      expect(res.statusCode, url).toBe(404);
    }
    expect((await api('GET', '/api/portal/company', stranger.cookie)).statusCode).toBe(200);
  });
});

describe('disabling, enabling and removing members', () => {
  it('disabling ends the sessions at once and sign-in says so; enabling lets the member in again', async () => {
    const team = await newTeam('Zeta GmbH', 'main@zeta.test');
    const member = await join(team, 'zoe@zeta.test');
    expect((await api('GET', '/api/portal/team', member.cookie)).statusCode).toBe(200);

    const disabled = await api('PUT', `/api/portal/team/members/${member.id}/enabled`, team.main, {
      enabled: false,
    });
    expect(disabled.json()).toMatchObject({ id: member.id, status: 'disabled' });
    expect((await api('GET', '/api/portal/team', member.cookie)).statusCode).toBe(401);
    const signInAttempt = await api('POST', '/api/session', '', {
      email: 'zoe@zeta.test',
      password: STRONG_PASSWORD,
    });
    expect(signInAttempt.statusCode).toBe(403);
    expect(signInAttempt.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });

    const enabled = await api('PUT', `/api/portal/team/members/${member.id}/enabled`, team.main, {
      enabled: true,
    });
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(await signIn(portal, 'zoe@zeta.test')).toMatch(/^vmsp_session=/);
    expect(await auditActions(team.customerId)).toEqual(
      expect.arrayContaining(['team.member-disabled', 'team.member-enabled']),
    );
  });

  it('the main user can neither disable nor remove itself; an invited member is withdrawn, not disabled', async () => {
    const team = await newTeam('Eta GmbH', 'main@eta.test');
    const self = await api('PUT', `/api/portal/team/members/${team.mainId}/enabled`, team.main, {
      enabled: false,
    });
    expect(self.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'userId' });
    expect((await api('DELETE', `/api/portal/team/members/${team.mainId}`, team.main)).json()).toMatchObject({
      code: 'CANNOT_REMOVE_SELF',
    });
    const invitedId = await invite(team, 'ivy@eta.test');
    expect(
      (
        await api('PUT', `/api/portal/team/members/${invitedId}/enabled`, team.main, { enabled: false })
      ).json(),
    ).toMatchObject({ code: 'ACTION_NOT_APPLICABLE' });
    expect((await api('GET', '/api/portal/team', team.main)).statusCode).toBe(200);
  });

  it('removing deletes the member: the session ends, sign-in fails, the address is free again', async () => {
    const team = await newTeam('Theta GmbH', 'main@theta.test');
    const member = await join(team, 'tom@theta.test');
    const removed = await api('DELETE', `/api/portal/team/members/${member.id}`, team.main);
    expect(removed.statusCode).toBe(204);
    expect((await api('GET', '/api/portal/team', member.cookie)).statusCode).toBe(401);
    expect(
      (await api('POST', '/api/session', '', { email: 'tom@theta.test', password: STRONG_PASSWORD })).json(),
    ).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await members(team.main)).map((m: { email: string }) => m.email)).toEqual(['main@theta.test']);
    expect(await auditActions(team.customerId)).toContain('team.member-removed');
    await invite(team, 'tom@theta.test');
  });
});

describe('open invitations', () => {
  it('resending kills the old link; the new one works', async () => {
    const team = await newTeam('Iota GmbH', 'main@iota.test');
    const id = await invite(team, 'ina@iota.test');
    const first = await teamToken('ina@iota.test');
    portal.clock.advance(60_000); // so that "newest mail" is unambiguous
    const resent = await api('POST', `/api/portal/team/invitations/${id}/resend`, team.main);
    expect(resent.json()).toEqual({ ok: true });
    const second = await teamToken('ina@iota.test');
    expect(second).not.toBe(first);
    expect((await api('GET', `/api/team-invitations/${first}`, '')).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect((await api('POST', '/api/team-invitations/accept', '', acceptBody(first))).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect((await api('POST', '/api/team-invitations/accept', '', acceptBody(second))).statusCode).toBe(200);
    // Accepted: nothing left to resend or withdraw.
    expect((await api('POST', `/api/portal/team/invitations/${id}/resend`, team.main)).json()).toMatchObject({
      code: 'ACTION_NOT_APPLICABLE',
    });
    expect((await api('DELETE', `/api/portal/team/invitations/${id}`, team.main)).json()).toMatchObject({
      code: 'ACTION_NOT_APPLICABLE',
    });
  });

  it('withdrawing deletes the invited user and its link', async () => {
    const team = await newTeam('Kappa GmbH', 'main@kappa.test');
    const id = await invite(team, 'kai@kappa.test');
    const token = await teamToken('kai@kappa.test');
    expect((await api('DELETE', `/api/portal/team/invitations/${id}`, team.main)).statusCode).toBe(204);
    expect((await api('GET', `/api/team-invitations/${token}`, '')).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    const tokens = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from one_time_tokens where user_id = ${id}`,
    );
    expect(tokens[0]?.n).toBe(0);
    expect(await members(team.main)).toHaveLength(1);
    expect(await auditActions(team.customerId)).toContain('team.invitation-withdrawn');
  });
});

describe('handing over the main user (R-3.8 in the portal)', () => {
  it('refuses invited and disabled members, with the reason on userId', async () => {
    const team = await newTeam('Lambda GmbH', 'main@lambda.test');
    const invitedId = await invite(team, 'lea@lambda.test');
    const disabled = await join(team, 'leo@lambda.test');
    await api('PUT', `/api/portal/team/members/${disabled.id}/enabled`, team.main, { enabled: false });
    for (const userId of [invitedId, disabled.id]) {
      const res = await api('POST', '/api/portal/team/main-user', team.main, { userId });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'MAIN_USER_NOT_ACTIVE', field: 'userId' });
    }
    expect(await customerRow(team.customerId)).toMatchObject({
      main_user_id: team.mainId,
      contact_email: 'main@lambda.test',
    });
  });

  it("hands the role to an active member; the admin list's contact e-mail follows", async () => {
    const team = await newTeam('Mu GmbH', 'main@mu.test');
    const member = await join(team, 'mo@mu.test');
    const before = await customerRow(team.customerId);
    const res = await api('POST', '/api/portal/team/main-user', team.main, { userId: member.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().canManage).toBe(false);
    expect(res.json().members).toContainEqual(expect.objectContaining({ id: member.id, isMainUser: true }));

    const list = (await api('GET', '/api/customers?q=Mu%20GmbH', admin)).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id: team.customerId, contactEmail: 'mo@mu.test' }),
    ]);
    expect((await api('GET', `/api/customers/${team.customerId}`, admin)).json().users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'mo@mu.test', isMainUser: true }),
        expect.objectContaining({ email: 'main@mu.test', isMainUser: false }),
      ]),
    );
    expect((await customerRow(team.customerId))?.version).toBe((before?.version ?? 0) + 1);

    // Roles swapped: the former main user is a member now, and the new one manages the team.
    const former = await api('POST', '/api/portal/team/invitations', team.main, { email: 'x@mu.test' });
    expect(former.json()).toMatchObject({ code: 'NOT_MAIN_USER' });
    expect((await api('GET', '/api/portal/team', member.cookie)).json().canManage).toBe(true);
    expect(
      (await api('PUT', `/api/portal/team/members/${team.mainId}/enabled`, member.cookie, { enabled: false }))
        .statusCode,
    ).toBe(200);
    expect(await auditActions(team.customerId)).toContain('customer.main-user-changed');
  });

  it('of two hand-overs at once exactly one wins; the customer keeps exactly one main user', async () => {
    const team = await newTeam('Nu GmbH', 'main@nu.test');
    const a = await join(team, 'ann@nu.test');
    const b = await join(team, 'ben@nu.test');
    const results = await whileRowLocked(team.customerId, () =>
      Promise.all([a, b].map((m) => api('POST', '/api/portal/team/main-user', team.main, { userId: m.id }))),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 403]);
    expect(results.find((r) => r.statusCode === 403)?.json()).toMatchObject({ code: 'NOT_MAIN_USER' });

    const winner = results[0]?.statusCode === 200 ? a : b;
    const row = await customerRow(team.customerId);
    const mainUsers = (await members(winner.cookie)).filter((m: { isMainUser: boolean }) => m.isMainUser);
    expect(mainUsers).toHaveLength(1);
    expect(mainUsers[0]).toMatchObject({ id: winner.id, email: row?.contact_email });
    expect(row?.main_user_id).toBe(winner.id);
    expect(
      (await auditActions(team.customerId)).filter((x) => x === 'customer.main-user-changed'),
    ).toHaveLength(1);
  });
});
