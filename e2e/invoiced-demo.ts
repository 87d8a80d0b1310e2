import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPLETE_COMPANY } from '../apps/server/src/modules/invoicing/company-settings.fixtures.ts';
import { ADMIN, type Mailbox, type RunningPortal, type VmspProcess, vmspOn } from './fixtures.ts';

// A portal in which every page and dialog has something to show: customers of each kind, subscribed last
// month, and last month's invoices issued by `vmsp month-end`. Built as the invoices journey builds its month:
// the customers subscribe with the portal's clock set back into last month (shifted-clock.mjs), the month end
// runs as of the start of this month, and the portal then runs with the real clock on the same data folder.

/** The start of the month `monthsBack` before the one holding `instant`, in Berlin (the default billing time zone). */
export function monthStartInBerlin(instant: Date, monthsBack: number): Date {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  })
    .format(instant)
    .split('-')
    .map(Number) as [number, number];
  const utcMidnight = new Date(Date.UTC(year, month - 1 - monthsBack, 1));
  // Berlin is UTC+1 or UTC+2; a month never starts on a day the clocks change there.
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(utcMidnight)
    .find((p) => p.type === 'timeZoneName')?.value;
  const hours = Number(/GMT\+(\d{2})/.exec(offset ?? '')?.[1] ?? 0);
  return new Date(utcMidnight.getTime() - hours * 3_600_000);
}

type Vmsp = ReturnType<typeof vmspOn>;

/** A small API client with a session cookie of its own. */
export function apiOf(url: string) {
  let cookie = '';
  return async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const session = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('vmsp_session='))
      ?.split(';')[0];
    if (session) cookie = session;
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** The customers: one of each kind a page or dialog treats differently. */
export const ACME = {
  name: 'Acme Security GmbH',
  email: 'anna@acme-security.test',
  serviceMode: 'self-service',
};
export const NORDLICHT = {
  name: 'Nordlicht IT GmbH',
  email: 'jonas@nordlicht-it.test',
  serviceMode: 'managed',
};
/** Invited, never registered. */
export const ALPEN = { name: 'Alpen Netz GmbH', email: 'lea@alpen-netz.test', serviceMode: 'managed' };
/** Registered customer users sign in with this password. */
export const CUSTOMER_PASSWORD = 'amber kettle hums over 19 bridges';

type Api = ReturnType<typeof apiOf>;

/**
 * Runs `work` on a portal of `vmsp` whose clock stands ten seconds into last month in Berlin, after the first
 * admin (ADMIN) has set up the SMTP server (`mailbox`) and the invoice issuer; `api` is signed in as that admin.
 */
export async function inLastMonth(
  vmsp: Vmsp,
  mailbox: Mailbox,
  work: (api: Api, portal: VmspProcess) => Promise<void>,
): Promise<void> {
  const portal = await vmsp.start({
    NODE_OPTIONS: `--import=${pathToFileURL(path.join(import.meta.dirname, 'shifted-clock.mjs')).href}`,
    VMSP_CLOCK_SHIFT_MS: String(monthStartInBerlin(new Date(), 1).getTime() + 10_000 - Date.now()),
  });
  try {
    const [, token] = await portal.printed(/\/setup\?token=(\S+)/);
    const api = apiOf(portal.url);
    await api('POST', '/api/setup', {
      token,
      email: ADMIN.email,
      password: ADMIN.password,
      passwordConfirmation: ADMIN.password,
    });
    await api('POST', '/api/session', { email: ADMIN.email, password: ADMIN.password });
    await api('PUT', '/api/settings/mail', {
      transport: 'smtp',
      host: '127.0.0.1',
      port: mailbox.port,
      encryption: 'none',
      fromAddress: 'billing@provider.test',
      fromName: 'Provider Billing',
    });
    await api('PUT', '/api/settings/company', COMPLETE_COMPANY);
    await work(api, portal);
  } finally {
    await portal.stop();
  }
}

/** Last month: the price table and the customers, subscribed. */
const subscribeLastMonth = (vmsp: Vmsp, mailbox: Mailbox) =>
  inLastMonth(vmsp, mailbox, async (api, portal) => {
    await api('PUT', '/api/price-table', {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
      ],
    });
    // Admins create Self-Service customers only while self-registration is on.
    await api('PUT', '/api/settings/self-service', { registrationEnabled: true });
    for (const [customer, ips] of [
      [ACME, 120],
      [NORDLICHT, 40],
      [ALPEN, 0],
    ] as const) {
      const created = await api('POST', '/api/customers', {
        companyName: customer.name,
        address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
        contactName: 'Contact Person',
        contactEmail: customer.email,
        serviceMode: customer.serviceMode,
      });
      if (ips === 0) continue;
      const invitation = await mailbox.waitFor(customer.email, /invitation/i);
      await apiOf(portal.url)('POST', '/api/invitations/accept', {
        token: invitation.text?.match(/\/invitation\?token=(\S+)/)?.[1],
        password: CUSTOMER_PASSWORD,
        passwordConfirmation: CUSTOMER_PASSWORD,
      });
      const { version } = await api('GET', `/api/customers/${created.id}`);
      await api('PUT', `/api/customers/${created.id}/ip-distribution`, {
        total: ips,
        internal: ips - 10,
        external: 10,
        instant: true,
        version,
      });
    }
  });

/**
 * The portal with last month invoiced, running with the real clock; its first admin is ADMIN.
 * Takes a minute or two on a busy machine: call it in a beforeAll with a long timeout.
 */
export async function startInvoicedPortal(
  mailbox: Mailbox,
): Promise<{ portal: RunningPortal; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-e2e-invoiced-'));
  const vmsp = vmspOn(dataDir);
  await subscribeLastMonth(vmsp, mailbox);
  const monthEndAt = new Date(Math.min(monthStartInBerlin(new Date(), 0).getTime() + 60_000, Date.now()));
  await vmsp.run(['month-end', '--at', monthEndAt.toISOString()]);
  const portal = await vmsp.start();
  return {
    portal: { url: portal.url, setupUrl: '', output: portal.output },
    async stop() {
      await portal.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
