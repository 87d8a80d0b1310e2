import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const root = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningPortal {
  url: string;
  /** The first-admin setup link the portal printed at start ('' after the demo seed, which makes an admin). */
  setupUrl: string;
  output(): string;
  /** What `vmsp seed --demo` printed (how to sign in), when the portal was started on the demo. */
  seedOutput?: string;
}

/** A real SMTP server in the test process: every mail the portal sends arrives here, parsed. */
export class Mailbox {
  readonly messages: ParsedMail[] = [];
  readonly envelopes: { from: string; to: string[] }[] = [];
  #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            this.envelopes.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<void> {
    this.port = await freePort();
    await new Promise<void>((resolve) => this.#server.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Waits (bounded) for a mail to the address whose subject matches. */
  async waitFor(to: string, subject: RegExp, timeoutMs = 20_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => {
        const recipients = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
        return (
          recipients.some((r) => r.value.some((v) => v.address?.toLowerCase() === to.toLowerCase())) &&
          subject.test(m.subject ?? '')
        );
      });
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Runs a `vmsp` command to its end and returns what it printed (it fails the journey when the command fails). */
async function runVmsp(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, 'apps/server/src/main.ts'), ...args], {
    env,
    cwd: root,
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vmsp ${args.join(' ')} exited with ${code}:\n${out}`);
  return out;
}

/**
 * Starts `vmsp start` as a real process on a fresh data folder and a free port. Each spec file starts its
 * own in beforeAll, so journeys never share data. With `demo`, `vmsp seed --demo` fills the folder first.
 */
export async function startPortal(
  extraEnv: Record<string, string> = {},
  options: { demo?: boolean } = {},
): Promise<{ portal: RunningPortal; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    MAIL_RETRY_DELAY_SECONDS: '1',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  delete env.APP_SECRET;
  const seedOutput = options.demo
    ? await runVmsp(['seed', '--demo'], env).catch((err: unknown) => {
        rmSync(dataDir, { recursive: true, force: true });
        throw err;
      })
    : undefined;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'apps/server/src/main.ts'), 'start'], {
    env,
    cwd: root,
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const setupUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start:\n${out}`)), 60_000);
    const check = () => {
      const match = out.match(/(http:\/\/\S+\/setup\?token=\S+)/);
      // After the demo seed an admin exists, and no setup link follows the line that says where it runs.
      const ready = match?.[1] ?? (seedOutput !== undefined && /is running at/.test(out) ? '' : undefined);
      if (ready !== undefined) {
        clearTimeout(timer);
        resolve(ready);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}:\n${out}`)));
  });
  return {
    portal: { url, setupUrl, output: () => out, ...(seedOutput === undefined ? {} : { seedOutput }) },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual set-up of a journey file: a portal of its own (started with `env()`), a real SMTP server and the
 * first admin (with `demo`: the demo seed's), all stopped after the file. `portal` can be read once beforeAll has run.
 */
export function journeyPortal(
  env: () => Record<string, string> = () => ({}),
  options: { demo?: boolean } = {},
) {
  const mailbox = new Mailbox();
  let running: { portal: RunningPortal; stop(): Promise<void> } | undefined;
  test.beforeAll(async () => {
    // The demo seed writes six months of history before the portal starts.
    if (options.demo) test.setTimeout(240_000);
    running = await startPortal(env(), options);
    await mailbox.start();
    if (!options.demo) await createFirstAdmin(running.portal);
  });
  test.afterAll(async () => {
    await running?.stop();
    await mailbox.stop();
  });
  return {
    mailbox,
    get portal(): RunningPortal {
      if (!running) throw new Error('the portal starts in beforeAll');
      return running.portal;
    },
  };
}

export const ADMIN = { email: 'admin@provider.test', password: 'violet tractor sings under 42 lanterns' };

/** Creates the first admin through the setup link's API (journeys that are not about setup start here). */
export async function createFirstAdmin(portal: RunningPortal): Promise<void> {
  const token = new URL(portal.setupUrl).searchParams.get('token');
  const res = await fetch(`${portal.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      email: ADMIN.email,
      password: ADMIN.password,
      passwordConfirmation: ADMIN.password,
    }),
  });
  if (!res.ok) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
}

/** Points the portal at the test's SMTP server through Settings → Mail Server, as an admin would. */
export async function configureSmtp(page: Page, mailbox: Mailbox): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Mail Server' })
    .click();
  await page.getByLabel('Delivery method').getByText('SMTP', { exact: true }).click();
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(mailbox.port));
  await page.getByLabel('Encryption').selectOption('none');
  await page.getByLabel('Sender address').fill('billing@provider.test');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Mail server settings saved.')).toBeVisible();
}

/**
 * What self-service customers need, through the API as the admin signed in on `page`: a sales price table (one
 * range of 100 IPs at 2.00 EUR) and self-registration on.
 */
export async function offerSelfService(page: Page, portal: RunningPortal): Promise<void> {
  const table = await page.request.put(`${portal.url}/api/price-table`, {
    data: {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [{ from: 1, to: 100, articleName: 'Scan S', articleNumber: 'S-100', unitPrice: '2.00' }],
    },
  });
  expect(table.status(), await table.text()).toBe(200);
  const selfService = await page.request.put(`${portal.url}/api/settings/self-service`, {
    data: { registrationEnabled: true },
  });
  expect(selfService.status(), await selfService.text()).toBe(200);
}

/** Creates a customer through the API, as the admin signed in on `page` (journeys not about the form start here). */
export async function createCustomer(
  page: Page,
  portal: RunningPortal,
  customer: { companyName: string; contactEmail: string; serviceMode?: 'managed' | 'self-service' },
): Promise<void> {
  const res = await page.request.post(`${portal.url}/api/customers`, {
    data: {
      ...customer,
      address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Contact Person',
    },
  });
  expect(res.status()).toBe(201);
}

/** The contact follows the mailed invitation in a browser context of its own and lands in the portal. */
export async function acceptInvitation(
  browser: Browser,
  mailbox: Mailbox,
  contact: { email: string; password: string },
): Promise<Page> {
  const invitation = await mailbox.waitFor(contact.email, /invitation/i);
  const link = invitation.text?.match(/https?:\/\/\S+\/invitation\?token=\S+/)?.[0];
  expect(link).toBeTruthy();
  const contactPage = await (await browser.newContext()).newPage();
  await contactPage.goto(link as string);
  await contactPage.getByLabel('Password', { exact: true }).fill(contact.password);
  await contactPage.getByLabel('Confirm password').fill(contact.password);
  await contactPage.getByRole('button', { name: 'Set password' }).click();
  await expect(contactPage).toHaveURL(/\/portal/);
  return contactPage;
}

export async function signInAs(
  page: Page,
  portal: RunningPortal,
  email = ADMIN.email,
  password = ADMIN.password,
): Promise<void> {
  await page.goto(`${portal.url}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export { expect, test } from '@playwright/test';
