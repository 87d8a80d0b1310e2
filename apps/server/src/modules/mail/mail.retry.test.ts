import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';

// No automatic retries: the first failure is final, so the admin's Retry is the only way on.
let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;

beforeAll(async () => {
  [portal, smtp] = await Promise.all([
    createTestPortal({ env: { MAIL_RETRY_LIMIT: '0', MAIL_RETRY_DELAY_SECONDS: '1' }, jobs: true }),
    startSmtpServer({ refuse: ['nobody@example.test'] }),
  ]);
  await createAdmin(portal, 'admin@provider.test');
  admin = await signIn(portal, 'admin@provider.test');
  await portal.app.inject({
    method: 'PUT',
    url: '/api/settings/mail',
    headers: { cookie: admin },
    payload: {
      transport: 'smtp',
      host: '127.0.0.1',
      port: smtp.port,
      encryption: 'none',
      fromAddress: 'noreply@provider.test',
    },
  });
});
afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

const enqueue = (to: string) =>
  portal.connection.db.transaction((tx) =>
    portal.services.mail.enqueue(tx, { to, locale: 'en', template: 'test', params: {} }),
  );
const retry = (id: string) =>
  portal.app.inject({ method: 'POST', url: `/api/mails/${id}/retry`, headers: { cookie: admin } });

async function waitForStatus(id: string, status: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await portal.app.inject({
      method: 'GET',
      url: `/api/mails?status=${status}`,
      headers: { cookie: admin },
    });
    const entry = res.json().items.find((m: { id: string }) => m.id === id);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`mail ${id} did not become ${status} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('failed mails', () => {
  it("shows a refused mail as failed, with the server's answer", async () => {
    const id = await enqueue('nobody@example.test');
    const failed = await waitForStatus(id, 'failed');
    expect(failed).toMatchObject({ attempts: 1, sentAt: null });
    expect(failed.lastError).toContain('550 5.1.1 Mailbox unavailable');
  });

  it('sends a failed mail again on Retry, once', async () => {
    await smtp.stop();
    const id = await enqueue('later@example.test');
    expect(await waitForStatus(id, 'failed')).toMatchObject({
      attempts: 1,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    await smtp.restart();

    const res = await retry(id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'queued', attempts: 1 });
    const sent = await waitForStatus(id, 'sent');
    expect(sent).toMatchObject({ attempts: 2, sentAt: expect.any(String) });
    expect(smtp.messages.filter((m) => m.to.includes('later@example.test'))).toHaveLength(1);

    expect((await retry(id)).json()).toMatchObject({ code: 'MAIL_NOT_RETRYABLE' });
    const audit = await portal.services.audit.list({
      objectType: 'mail',
      objectId: id,
      page: 1,
      pageSize: 10,
    });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'mail.retried',
      before: { status: 'failed' },
      after: { status: 'queued' },
    });
  });
});
