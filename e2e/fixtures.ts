import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const root = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(root, 'apps/server/src/main.ts');

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

/** A `vmsp start` process: its address, what it printed, and how to stop it. */
export interface VmspProcess {
  url: string;
  output(): string;
  /** Resolves with the first match of `pattern` in what it printed; fails when the process exits first. */
  printed(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** `vmsp` commands on one data folder with the embedded database. */
export function vmspOn(dataDir: string) {
  const envOf = (extra: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      MAIL_RETRY_DELAY_SECONDS: '1',
      ...extra,
    };
    delete env.DATABASE_URL;
    delete env.APP_SECRET;
    return env;
  };
  return {
    /** Runs a command to its end and returns what it printed; fails the journey when the command fails. */
    async run(args: string[], extra: Record<string, string> = {}): Promise<string> {
      const child = spawn(process.execPath, [MAIN, ...args], { env: envOf(extra), cwd: root });
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      child.stderr?.on('data', (d) => (out += d));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`vmsp ${args.join(' ')} exited with ${code}:\n${out}`);
      return out;
    },
    /** `vmsp start` on `extra.PORT` or a free port; ready once it answers /healthz. */
    async start(extra: Record<string, string> = {}): Promise<VmspProcess> {
      const port = extra.PORT ?? String(await freePort());
      const url = `http://127.0.0.1:${port}`;
      const child: ChildProcess = spawn(process.execPath, [MAIN, 'start'], {
        env: envOf({ HOST: '127.0.0.1', PUBLIC_URL: url, ...extra, PORT: port }),
        cwd: root,
      });
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      child.stderr?.on('data', (d) => (out += d));
      /** Polls `probe` until it yields a value; fails once the process has exited. */
      const until = async <T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> => {
        for (;;) {
          const value = await probe();
          if (value !== undefined) return value;
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`portal exited with ${child.exitCode ?? child.signalCode}:\n${out}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await until(() =>
        fetch(`${url}/healthz`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      );
      return {
        url,
        output: () => out,
        printed: (pattern) => until(() => out.match(pattern) ?? undefined),
        async stop() {
          if (child.exitCode !== null) return;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await gone;
        },
      };
    },
  };
}

/**
 * How long a beforeAll may take to start a portal: a first start creates the embedded database, and the demo
 * seed writes six months of history before it; both take minutes, not seconds, on a busy machine.
 */
export const PORTAL_START_MS = 180_000;
export const DEMO_START_MS = 300_000;

/**
 * Starts `vmsp start` as a real process on a fresh data folder and a free port. Each spec file starts its
 * own in beforeAll, so journeys never share data. With `demo`, `vmsp seed --demo` fills the folder first.
 */
export async function startPortal(
  extraEnv: Record<string, string> = {},
  options: { demo?: boolean } = {},
): Promise<{ portal: RunningPortal; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-e2e-'));
  const vmsp = vmspOn(dataDir);
  // The demo seed prints the address to sign in at, and its mails link to it: the portal's, chosen first.
  const port = String(await freePort());
  const env = { PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}`, ...extraEnv };
  try {
    const seedOutput = options.demo ? await vmsp.run(['seed', '--demo'], env) : undefined;
    const running = await vmsp.start(env);
    // After the demo seed an admin exists, and the portal prints no setup link.
    const setupUrl =
      seedOutput === undefined ? ((await running.printed(/(http:\/\/\S+\/setup\?token=\S+)/))[1] ?? '') : '';
    return {
      portal: {
        url: running.url,
        setupUrl,
        output: running.output,
        ...(seedOutput === undefined ? {} : { seedOutput }),
      },
      async stop() {
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
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
    test.setTimeout(options.demo ? DEMO_START_MS : PORTAL_START_MS);
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
