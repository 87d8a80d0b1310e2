import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { DELIVER_JOB } from './mail.jobs.ts';
import type { MailTemplateName, MailTemplates } from './mail.service.ts';
import { SMTP_POOL_CONNECTIONS } from './mail.transport.ts';

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;

beforeAll(async () => {
  [portal, smtp] = await Promise.all([
    createTestPortal({ env: { MAIL_RETRY_DELAY_SECONDS: '1' }, jobs: true }),
    startSmtpServer(),
  ]);
  await createAdmin(portal, 'admin@provider.test');
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

const saveSettings = (payload: object) =>
  portal.app.inject({ method: 'PUT', url: '/api/settings/mail', payload, headers: { cookie: admin } });
const useSmtp = () =>
  saveSettings({
    transport: 'smtp',
    host: '127.0.0.1',
    port: smtp.port,
    encryption: 'none',
    fromAddress: 'noreply@provider.test',
    fromName: 'Portal',
  });

function enqueue<T extends MailTemplateName>(template: T, to: string, params: MailTemplates[T]) {
  return portal.connection.db.transaction((tx) =>
    portal.services.mail.enqueue(tx, { to, locale: 'en', template, params }),
  );
}

const entryOf = async (id: string) => {
  const page = await portal.services.mail.list({ page: 1, pageSize: 200 });
  const entry = page.items.find((m) => m.id === id);
  if (!entry) throw new Error(`mail ${id} is not in the Mail Log`);
  return entry;
};

/** Polls until the mail's log entry satisfies `done`; bounded, so a broken worker fails the test instead of hanging it. */
async function waitForEntry(
  id: string,
  done: (e: Awaited<ReturnType<typeof entryOf>>) => boolean,
  timeoutMs = 90_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await entryOf(id);
    if (done(entry)) return entry;
    if (Date.now() > deadline)
      throw new Error(`mail ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify(entry)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const receivedBy = (to: string) => smtp.messages.filter((m) => m.to.includes(to));

/** The delivery jobs in the queue: all of them, or those of the given mails. */
async function deliveryJobs(mailIds?: string[]) {
  return queryRows<{ mailId: string; state: string; startedOn: Date | null }>(
    portal.connection.db,
    sql`select data->>'mailId' as "mailId", state, started_on as "startedOn" from pgboss.job
        where name = ${DELIVER_JOB.name}
          ${mailIds ? sql`and data->>'mailId' = any(${`{${mailIds.join(',')}}`}::text[])` : sql``}`,
  );
}

/**
 * Waits until every delivery job of these mails has ended (completed or failed), so that no attempt is
 * left that could still send: what has arrived by then is all that will. Bounded, so a stuck job fails
 * the test instead of hanging it.
 */
async function waitForJobsEnded(mailIds: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await deliveryJobs(mailIds);
    if (jobs.length > 0 && jobs.every((j) => j.state === 'completed' || j.state === 'failed')) return jobs;
    if (Date.now() > deadline)
      throw new Error(`delivery jobs did not end in ${timeoutMs} ms: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox', () => {
  it('refuses to queue a mail while no mail server is configured, and writes nothing', async () => {
    await expect(enqueue('test', 'a@example.test', {})).rejects.toMatchObject({
      code: 'MAIL_NOT_CONFIGURED',
      status: 409,
    });
    expect((await portal.services.mail.list({ page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('delivers an admin invitation through the worker', async () => {
    await useSmtp();
    const res = await portal.app.inject({
      method: 'POST',
      url: '/api/admins',
      headers: { cookie: admin },
      payload: { email: 'new@provider.test' },
    });
    expect(res.statusCode).toBe(201);
    const { inviteUrl, mailed } = res.json();
    expect(mailed).toBe(true);

    const [entry] = (await portal.services.mail.list({ page: 1, pageSize: 10 })).items;
    expect(entry).toMatchObject({
      to: 'new@provider.test',
      template: 'admin-invite',
      subject: 'Your invitation to vMSP Portal',
    });
    await waitForEntry(entry!.id, (e) => e.status === 'sent');
    const [mail] = receivedBy('new@provider.test');
    expect(mail).toMatchObject({
      from: 'Portal <noreply@provider.test>',
      subject: 'Your invitation to vMSP Portal',
    });
    expect(mail!.text).toContain(inviteUrl);
    expect(mail!.text).toContain('admin@provider.test has invited you');
    expect(mail!.html).toContain(`href="${inviteUrl.replace(/&/g, '&amp;')}"`);
    expect(await entryOf(entry!.id)).toMatchObject({
      attempts: 1,
      lastError: null,
      logOnly: false,
      sentAt: expect.any(String),
    });
  });

  it('writes nothing when the transaction that queued the mail rolls back', async () => {
    const before = (await portal.services.mail.list({ page: 1, pageSize: 1 })).total;
    const jobsBefore = (await deliveryJobs()).length;
    await expect(
      portal.connection.db.transaction(async (tx) => {
        await portal.services.mail.enqueue(tx, {
          to: 'ghost@example.test',
          locale: 'en',
          template: 'test',
          params: {},
        });
        throw new Error('the cause of the mail failed');
      }),
    ).rejects.toThrow('the cause of the mail failed');
    // Neither the row nor its delivery job exists: nothing is left that could send it later.
    expect((await portal.services.mail.list({ page: 1, pageSize: 1 })).total).toBe(before);
    expect(await deliveryJobs()).toHaveLength(jobsBefore);
    expect(receivedBy('ghost@example.test')).toHaveLength(0);
  });

  it('keeps a mail queued while the server is down and delivers it exactly once when it is back', async () => {
    await smtp.stop();
    const id = await enqueue('test', 'patient@example.test', {});
    const waiting = await waitForEntry(id, (e) => e.attempts >= 1);
    expect(waiting).toMatchObject({
      status: 'queued',
      sentAt: null,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });

    await smtp.restart();
    const sent = await waitForEntry(id, (e) => e.status === 'sent');
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    await waitForJobsEnded([id]);
    expect(receivedBy('patient@example.test')).toHaveLength(1);
    expect(await entryOf(id)).toMatchObject({ status: 'sent', attempts: sent.attempts });
  });

  it('sends a mail once even when its delivery runs several times at once', async () => {
    const id = await enqueue('test', 'once@example.test', {});
    await Promise.all([
      portal.services.mail.deliver({ mailId: id, retryLimit: 10 }, { retryCount: 0 }),
      portal.services.mail.deliver({ mailId: id, retryLimit: 10 }, { retryCount: 0 }),
    ]);
    await waitForEntry(id, (e) => e.status === 'sent');
    await portal.services.mail.deliver({ mailId: id, retryLimit: 10 }, { retryCount: 0 });
    // The queued job ran too (or finds the mail sent when it runs): wait until it has ended.
    await waitForJobsEnded([id]);
    expect(receivedBy('once@example.test')).toHaveLength(1);
    expect(await entryOf(id)).toMatchObject({ attempts: 1 });
  });

  it('works off a backlog several mails at a time over a few pooled connections, each mail once', async () => {
    await useSmtp();
    const connectionsBefore = smtp.connections;
    const recipients = Array.from({ length: 40 }, (_, i) => `backlog-${i}@example.test`);
    const ids = await portal.connection.db.transaction(async (tx) => {
      const queued: string[] = [];
      for (const to of recipients)
        queued.push(
          await portal.services.mail.enqueue(tx, { to, locale: 'en', template: 'test', params: {} }),
        );
      return queued;
    });
    const jobs = await waitForJobsEnded(ids);
    expect(jobs.every((j) => j.state === 'completed')).toBe(true);
    for (const to of recipients) expect(receivedBy(to)).toHaveLength(1);
    for (const id of ids) expect(await entryOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
    // Several jobs were taken at once: a batch starts together.
    const batchSizes = new Map<number, number>();
    for (const j of jobs) {
      const at = new Date(j.startedOn ?? 0).getTime();
      batchSizes.set(at, (batchSizes.get(at) ?? 0) + 1);
    }
    expect(Math.max(...batchSizes.values())).toBeGreaterThan(1);
    // The connections were reused: not one per mail.
    expect(smtp.connections - connectionsBefore).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
  });

  it('only records mails with the log-only transport', async () => {
    await saveSettings({ transport: 'log' });
    const id = await enqueue('admin-invite', 'dev@example.test', {
      inviteUrl: 'http://portal.test/setup?token=x',
      invitedBy: 'admin@provider.test',
      expiresAt: '2026-01-22T10:00:00.000Z',
    });
    expect(await waitForEntry(id, (e) => e.status === 'sent')).toMatchObject({
      logOnly: true,
      attempts: 1,
      lastError: null,
    });
    expect(receivedBy('dev@example.test')).toHaveLength(0);
  });
});
