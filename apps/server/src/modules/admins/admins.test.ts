import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await createTestPortal();
});
afterAll(() => portal.dispose());

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const setup = (payload: object) => portal.app.inject({ method: 'POST', url: '/api/setup', payload });

describe('first admin', () => {
  let firstToken: string;

  it('issues a setup link while no admin exists, and a new start kills the old link', async () => {
    const oldToken = tokenOf((await portal.services.admins.firstAdminSetupUrl())!);
    firstToken = tokenOf((await portal.services.admins.firstAdminSetupUrl())!);
    expect((await portal.app.inject({ method: 'GET', url: `/api/setup/${oldToken}` })).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect((await portal.app.inject({ method: 'GET', url: `/api/setup/${firstToken}` })).json()).toEqual({
      purpose: 'first-admin',
      email: null,
    });
  });

  it('refuses weak and mismatched passwords with the field, and creates nothing', async () => {
    const weak = await setup({
      token: firstToken,
      email: 'boss@provider.test',
      password: 'password1',
      passwordConfirmation: 'password1',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });
    const mismatch = await setup({
      token: firstToken,
      email: 'boss@provider.test',
      password: STRONG_PASSWORD,
      passwordConfirmation: `${STRONG_PASSWORD}!`,
    });
    expect(mismatch.json()).toMatchObject({ code: 'PASSWORDS_DO_NOT_MATCH', field: 'passwordConfirmation' });
    expect(await portal.services.users.countByRole(portal.connection.db, 'admin')).toBe(0);
  });

  it('creates the first admin, signs them in, and the link works only once', async () => {
    const res = await setup({
      token: firstToken,
      email: 'Boss@Provider.test',
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email: 'boss@provider.test', role: 'admin' } });
    const cookie = sessionCookieOf(res);
    expect(
      (await portal.app.inject({ method: 'GET', url: '/api/admins', headers: { cookie } })).statusCode,
    ).toBe(200);

    const again = await setup({
      token: firstToken,
      email: 'other@provider.test',
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await portal.services.admins.firstAdminSetupUrl()).toBeNull();
    const audit = await portal.services.audit.list({ objectType: 'admin', page: 1, pageSize: 10 });
    expect(audit.items.map((e) => e.action)).toContain('admin.first-admin-created');
  });
});

describe('managing admins', () => {
  it('invites an admin who chooses a password through the link; admins never get removed down to none', async () => {
    const boss = await signIn(portal, 'boss@provider.test');
    const invite = await portal.app.inject({
      method: 'POST',
      url: '/api/admins',
      headers: { cookie: boss },
      payload: { email: 'second@provider.test' },
    });
    expect(invite.statusCode).toBe(201);
    const { admin, inviteUrl, mailed } = invite.json();
    expect(admin).toMatchObject({ email: 'second@provider.test', status: 'invited' });
    expect(mailed).toBe(false);
    const token = tokenOf(inviteUrl);
    expect((await portal.app.inject({ method: 'GET', url: `/api/setup/${token}` })).json()).toEqual({
      purpose: 'admin-invite',
      email: 'second@provider.test',
    });

    const duplicate = await portal.app.inject({
      method: 'POST',
      url: '/api/admins',
      headers: { cookie: boss },
      payload: { email: 'SECOND@provider.test' },
    });
    expect(duplicate.json()).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });

    // An invited admin does not count as "another admin": removing the only active one is refused.
    const list = (
      await portal.app.inject({ method: 'GET', url: '/api/admins', headers: { cookie: boss } })
    ).json().items;
    const bossId = list.find((a: { email: string }) => a.email === 'boss@provider.test').id;
    expect(
      (
        await portal.app.inject({ method: 'DELETE', url: `/api/admins/${bossId}`, headers: { cookie: boss } })
      ).json(),
    ).toMatchObject({
      code: 'CANNOT_REMOVE_SELF',
    });

    const accepted = await setup({ token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    const second = sessionCookieOf(accepted);

    // The second admin removes the first; the first's sessions end at once.
    expect(
      (
        await portal.app.inject({
          method: 'DELETE',
          url: `/api/admins/${bossId}`,
          headers: { cookie: second },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await portal.app.inject({ method: 'GET', url: '/api/admins', headers: { cookie: boss } })).statusCode,
    ).toBe(401);

    const remaining = (
      await portal.app.inject({ method: 'GET', url: '/api/admins', headers: { cookie: second } })
    ).json().items;
    expect(remaining).toHaveLength(1);
    const actions = (
      await portal.services.audit.list({ objectType: 'admin', page: 1, pageSize: 50 })
    ).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['admin.invited', 'admin.invitation-accepted', 'admin.removed']),
    );
  });

  it('never removes the last active admin', async () => {
    const { admin } = await portal.services.admins.createFromCli('third@provider.test', STRONG_PASSWORD);
    const third = await signIn(portal, 'third@provider.test');
    const second = await signIn(portal, 'second@provider.test');
    const secondId = (await portal.services.users.findByEmail(portal.connection.db, 'second@provider.test'))!
      .id;
    expect(
      (
        await portal.app.inject({
          method: 'DELETE',
          url: `/api/admins/${secondId}`,
          headers: { cookie: third },
        })
      ).statusCode,
    ).toBe(204);
    const last = await portal.app.inject({
      method: 'DELETE',
      url: `/api/admins/${admin.id}`,
      headers: { cookie: second },
    });
    expect(last.statusCode).toBe(401); // second was removed, so its session is gone
    const self = await portal.app.inject({
      method: 'DELETE',
      url: `/api/admins/${admin.id}`,
      headers: { cookie: third },
    });
    expect(self.json()).toMatchObject({ code: 'CANNOT_REMOVE_SELF' });
    await expect(
      portal.services.admins.remove({ id: 'someone-else', email: 'x@provider.test' }, admin.id),
    ).rejects.toMatchObject({ code: 'LAST_ADMIN' });
  });

  it('refuses anonymous callers on admin routes', async () => {
    expect((await portal.app.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(401);
    expect((await portal.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});
