import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;

/** A stand-in for a module's stored files: bytes by id, read when the mail goes out. */
const stored = new Map<string, Uint8Array>();
const loadedWith: Executor[] = [];

beforeAll(async () => {
  [portal, smtp] = await Promise.all([
    createTestPortal({ env: { MAIL_RETRY_DELAY_SECONDS: '1', MAIL_RETRY_LIMIT: '0' }, jobs: true }),
    startSmtpServer(),
  ]);
  portal.services.mail.registerAttachmentSource('test-file', {
    async load(executor, id) {
      loadedWith.push(executor);
      const bytes = stored.get(id);
      if (!bytes) throw new Error(`test file ${id} is gone`);
      return bytes;
    },
  });
  await createAdmin(portal, 'admin@provider.test');
  admin = await signIn(portal, 'admin@provider.test');
  const res = await portal.app.inject({
    method: 'PUT',
    url: '/api/settings/mail',
    headers: { cookie: admin },
    payload: {
      transport: 'smtp',
      host: '127.0.0.1',
      port: smtp.port,
      encryption: 'none',
      fromAddress: 'noreply@provider.test',
      fromName: 'Portal',
    },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

const enqueueWith = (to: string, attachments: { filename: string; id: string; kind?: string }[]) =>
  portal.connection.db.transaction((tx) =>
    portal.services.mail.enqueue(tx, {
      to,
      locale: 'en',
      template: 'test',
      params: {},
      attachments: attachments.map((a) => ({
        filename: a.filename,
        contentType: 'application/pdf',
        source: { kind: a.kind ?? 'test-file', id: a.id },
      })),
    }),
  );

async function waitForStatus(id: string, status: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = await portal.services.mail.get(id);
    if (mail.status === status) return mail;
    if (Date.now() > deadline) throw new Error(`mail ${id} not ${status}: ${JSON.stringify(mail)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('mail attachments', () => {
  it('delivers the referenced bytes as an attachment, read at delivery, and names it in the Mail Log', async () => {
    // Every byte value, and more than one base64 line, so that any re-encoding would show.
    const pdf = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
    stored.set('doc-1', pdf);
    const id = await enqueueWith('buyer@customer.test', [{ filename: 'RE-2026-000001.pdf', id: 'doc-1' }]);

    const [received] = await smtp.waitFor(1);
    expect(received?.to).toEqual(['buyer@customer.test']);
    expect(received?.attachments).toHaveLength(1);
    const [attachment] = received?.attachments ?? [];
    expect(attachment?.filename).toBe('RE-2026-000001.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(Buffer.compare(attachment?.content ?? Buffer.alloc(0), Buffer.from(pdf))).toBe(0);
    expect(received?.text).toContain('test mail');

    const mail = await waitForStatus(id, 'sent');
    expect(mail.attachments).toEqual(['RE-2026-000001.pdf']);
    expect(loadedWith).toHaveLength(1);
  });

  it('refuses to queue an attachment no source can load, and queues nothing', async () => {
    const before = (await portal.services.mail.list({ page: 1, pageSize: 1 })).total;
    await expect(
      enqueueWith('buyer@customer.test', [{ filename: 'x.pdf', id: 'doc-1', kind: 'unknown' }]),
    ).rejects.toThrow(/no attachment source for 'unknown'/);
    expect((await portal.services.mail.list({ page: 1, pageSize: 1 })).total).toBe(before);
  });

  it('fails the delivery, with the reason in the Mail Log, when the stored file is gone', async () => {
    const id = await enqueueWith('other@customer.test', [{ filename: 'gone.pdf', id: 'missing' }]);
    const mail = await waitForStatus(id, 'failed');
    expect(mail.lastError).toBe('test file missing is gone');
    expect(smtp.messages.filter((m) => m.to.includes('other@customer.test'))).toHaveLength(0);
  });
});
