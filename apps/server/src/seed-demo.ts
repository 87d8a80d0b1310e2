import { randomBytes } from 'node:crypto';
import type { CompanySettings } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import type { Portal } from './app.ts';
import { analyze } from './db/analyze.ts';
import { type Database, queryRows } from './db/connection.ts';
import type { ManualClock } from './lib/clock.ts';
import type { Actor } from './modules/audit/audit.service.ts';
import { companies, DEMO_CUSTOMER_PASSWORD, demoPriceTable, demoVatIds, people } from './seed.ts';
import { DemoCalendar, DemoInvoicing, HISTORY_MONTHS } from './seed-history.ts';

/**
 * `vmsp seed --demo`: a portal with six months of history, made through the services as an admin would, with
 * the time driven by a clock the seed sets (the records carry their past dates; the portal then runs on the
 * real clock): settings, price tables, customers created month by month with their subscription changes, and
 * the month ends that invoice them (seed-history.ts).
 */

export const DEMO_ADMIN_EMAIL = 'admin@demo-provider.example';

/** The issuer on the demo's invoices: complete, so that invoicing is on (the IBAN and VAT-ID are valid examples). */
const demoCompany: CompanySettings = {
  companyName: 'Demo Provider GmbH',
  street: 'Friedrichstraße 100',
  postalCode: '10117',
  city: 'Berlin',
  country: 'DE',
  vatId: 'DE136695976',
  taxNumber: '',
  email: 'billing@demo-provider.example',
  phone: '+49 30 1234567',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
  footer: 'Demo data of the vMSP Portal: not a real company.',
  standardVatRateBasisPoints: 1900,
  paymentTermDays: 14,
  numberPattern: 'RE-{YYYY}-{seq:6}',
  logoDataUrl: null,
};

/** What the upstream MSP charges per IP: below the sales table in every range, so that every range has a margin. */
const demoPurchaseTable = {
  ...demoPriceTable,
  ranges: demoPriceTable.ranges.map((range, i) => ({
    ...range,
    unitPrice: (['1.20', '0.95', '0.65', '0.50'] as const)[i] ?? range.unitPrice,
  })),
};

export interface DemoSeedResult {
  /** The demo administrator made by the seed; null when the portal had an administrator already. */
  admin: { email: string; password: string } | null;
  /** A registered customer's main user with invoices, to see the customer portal. */
  customerUser: { email: string; password: string; companyName: string };
  /** Customers created, and how many of them were deleted again. */
  customers: number;
  deleted: number;
  invoices: number;
  creditNotes: number;
  /** The labels of the months with history, oldest first, then the month in progress. */
  months: string[];
}

/**
 * Why the demo cannot be seeded here, or null. The demo's history starts six months back, so it needs a portal
 * without customers, price tables or invoices: they would predate or contradict it. (Settings and admins may exist.)
 */
export async function demoSeedObstacle(db: Database): Promise<string | null> {
  const [found] = await queryRows<{ customers: number; prices: number; invoices: number }>(
    db,
    sql`select (select count(*)::int from customers) as customers,
               (select count(*)::int from price_versions) as prices,
               (select count(*)::int from invoices) as invoices`,
  );
  const held = [
    found?.customers ? `${found.customers} customers` : null,
    found?.prices ? 'a price table' : null,
    found?.invoices ? `${found.invoices} invoices` : null,
  ].filter(Boolean);
  if (!held.length) return null;
  return (
    `The demo seed fills an empty portal with six months of history, and this one holds ${held.join(', ')} already. ` +
    'Seed a fresh data folder (DATA_DIR) or database instead; nothing was changed.'
  );
}

/** What happens to demo customer `i` of `count`, and in which month of the calendar (0 = the oldest). */
function lifeOf(i: number, count: number, current: number) {
  const createdIn = Math.min(current, Math.floor((i * (HISTORY_MONTHS + 0.5)) / count));
  const within = (m: number) => (m <= current ? m : null);
  const [name, form, city, postalCode, country] = companies[i % companies.length] ?? companies[0];
  const suffix = i < companies.length ? '' : ` ${Math.floor(i / companies.length) + 1}`;
  const contact = people[i % people.length] ?? 'Contact';
  const selfService = i % 3 === 0;
  const registers = i % 3 !== 2;
  const total = i % 4 === 3 ? 0 : 10 + ((i * 37) % 400);
  return {
    createdIn,
    input: {
      companyName: `${name}${suffix} ${form}`,
      address: { street: `Musterstraße ${i + 1}`, postalCode, city, country },
      contactName: contact,
      contactEmail: `${contact.split(' ')[0]?.toLowerCase()}.${i}@${name.toLowerCase().replace(/[^a-z]/g, '')}.example`,
      vatId: demoVatIds[country] ?? null,
      serviceMode: selfService ? ('self-service' as const) : ('managed' as const),
      locale: i % 2 ? ('de' as const) : ('en' as const),
    },
    // Two thirds register, through the invitation a contact gets; every sixth is locked.
    registers,
    locked: i % 6 === 5,
    // Most subscribe when created; every fifth right away schedules a downgrade for the month's end.
    total,
    downgradeAtOnce: i % 5 === 0,
    upgradeIn: i % 7 === 1 ? within(createdIn + 2) : null,
    convertIn: selfService && registers && i % 9 === 6 ? within(createdIn + 1) : null,
    cancelIn: i % 11 === 4 ? within(createdIn + 3) : null,
    // An invitation never taken up, without a subscription, is deleted (purged at once) a month later.
    deleteIn: !registers && total === 0 ? within(createdIn + 1) : null,
    // A downgrade waiting for the end of the month in progress.
    downgradeIn: i % 5 === 2 ? current : null,
  };
}

type Life = ReturnType<typeof lifeOf>;

/** Three in five of the IPs internal. */
const split = (total: number, instant: boolean) => {
  const internal = Math.round(total * 0.6);
  return { total, internal, external: total - internal, instant };
};

/** The demo: see the file's comment. `clock` must be the portal's clock; it is left at `now`. */
export async function seedDemo(
  portal: Portal,
  db: Database,
  options: { clock: ManualClock; now: Date; timeZone: string; log: (line: string) => void; count?: number },
): Promise<DemoSeedResult> {
  const { clock, now, log, count = 36 } = options;
  const calendar = new DemoCalendar(now, options.timeZone);
  const { services } = portal;
  clock.set(calendar.at(0, 0.01));
  const { actor, admin } = await demoAdmin(portal);
  await demoSettings(portal, actor);
  log(`Settings, price tables and company data saved as of ${calendar.months[0]?.label}.`);

  const lives = Array.from({ length: count }, (_, i) => lifeOf(i, count, calendar.current));
  const ids = new Map<Life, string>();
  const subscribed = new Set<Life>();
  const invoicing = new DemoInvoicing({ portal, clock, calendar, actor });
  let invoices = 0;
  let creditNotes = 0;
  let deleted = 0;

  /** A change as an admin makes it from the customer's details: on its current version and IPs. */
  const change = async (life: Life, act: (id: string, version: number, ips: number) => Promise<unknown>) => {
    const id = ids.get(life) as string;
    const { version, ipsInternal, ipsExternal } = await services.details.details(id);
    await act(id, version, ipsInternal + ipsExternal);
  };

  for (let m = 0; m < calendar.months.length; m++) {
    const issued = m > 0 ? await invoicing.closePreviousMonth(m) : 0;
    invoices += issued;
    if (m > 0) creditNotes += await invoicing.creditNotes(m);
    const born = lives.filter((l) => l.createdIn === m);
    const label = calendar.months[m]?.label;
    log(`${label}: ${born.length} new customers${m > 0 ? `, ${issued} invoices for the month before` : ''}.`);
    for (const [k, life] of born.entries()) {
      clock.set(calendar.at(m, 0.05 + (0.2 * k) / born.length));
      ids.set(life, await createCustomer(portal, db, actor, life));
      if (life.total) subscribed.add(life);
    }
    if (m > 0) await invoicing.payments(m);
    const changing = lives.filter((l) =>
      [l.upgradeIn, l.convertIn, l.cancelIn, l.downgradeIn, l.deleteIn].includes(m),
    );
    for (const [k, life] of changing.entries()) {
      clock.set(calendar.at(m, 0.4 + (0.15 * k) / changing.length));
      if (life.convertIn === m) {
        await change(life, (id, version) => services.conversion.convertToManaged(actor, id, version));
      }
      if (life.deleteIn === m) {
        await change(life, (id, version) => services.deletion.delete(actor, id, { version }));
        deleted++;
      }
      if (!subscribed.has(life)) continue;
      if (life.upgradeIn === m) {
        await change(life, (id, version, ips) =>
          services.ipDistribution.distributeIps(actor, id, { ...split(ips + 50, true), version }),
        );
      }
      if (life.cancelIn === m) {
        await change(life, (id, version) =>
          services.subscriptionCancellation.cancelSubscription(actor, id, version),
        );
        subscribed.delete(life);
      } else if (life.downgradeIn === m) {
        await change(life, (id, version, ips) =>
          services.ipDistribution.distributeIps(actor, id, {
            ...split(Math.max(1, Math.round(ips * 0.8)), false),
            version,
          }),
        );
      }
    }
  }
  clock.set(now);
  await services.invoices.markOverdue();
  // Mail, company data, price table, payment methods and customers are in place: the Dashboard shows the portal
  // in use, not the first-steps checklist. The checklist's mail-server step stays honest and unticked (the demo's
  // mail goes to the Mail Log and never delivers a test mail), so the install is recorded as set up, as the
  // checklist itself records it once every step was done.
  await services.firstSteps.recordSetUp();
  await analyze(db);

  const shown = lives.find((l) => l.createdIn === 0 && l.registers && l.total && !l.locked) ?? lives[0];
  return {
    admin,
    customerUser: {
      email: shown?.input.contactEmail ?? '',
      password: DEMO_CUSTOMER_PASSWORD,
      companyName: shown?.input.companyName ?? '',
    },
    customers: count,
    deleted,
    invoices,
    creditNotes,
    months: calendar.months.map((month) => month.label),
  };
}

/** The demo's administrator, with a password made up here, unless the portal has an active one (who then acts). */
async function demoAdmin(portal: Portal): Promise<{ actor: Actor; admin: DemoSeedResult['admin'] }> {
  const { admins } = portal.services;
  const existing = (await admins.list()).find((a) => a.status === 'active');
  if (existing) return { actor: { id: existing.id, email: existing.email }, admin: null };
  const password = randomBytes(12).toString('base64url');
  const { admin } = await admins.createFromCli(DEMO_ADMIN_EMAIL, password);
  return { actor: { id: admin.id, email: admin.email }, admin: { email: admin.email, password } };
}

/**
 * Mail "log only" (unless set up), self-registration on, the issuer, the payment methods, the sales and the
 * purchase price table.
 */
async function demoSettings(portal: Portal, actor: Actor): Promise<void> {
  const { mail, selfService, companySettings, paymentMethods, prices, purchasePrices } = portal.services;
  if ((await mail.getSettings()).transport === 'none') {
    await mail.saveSettings(actor, {
      transport: 'log',
      fromAddress: 'portal@demo-provider.example',
      fromName: 'vMSP Portal (demo)',
    });
  }
  if (!(await selfService.getSettings()).registrationEnabled) {
    await selfService.saveSettings(actor, { registrationEnabled: true });
  }
  if (!(await companySettings.view()).complete) await companySettings.save(actor, demoCompany);
  // The methods the demo's customers pay with, chosen as an admin chooses them (cards would need Stripe keys).
  if (!(await paymentMethods.chosen())) {
    for (const method of ['invoice', 'project-key'] as const)
      await paymentMethods.setActive(actor, method, true);
  }
  await prices.save(actor, { ...demoPriceTable, basedOnVersion: null });
  if (!(await purchasePrices.table()).current) {
    await purchasePrices.save(actor, { ...demoPurchaseTable, basedOnVersion: null });
  }
}

/** A customer as an admin creates one; its contact registers through the invitation; its first subscription. */
async function createCustomer(portal: Portal, db: Database, actor: Actor, life: Life): Promise<string> {
  const { onboarding, users, details, ipDistribution, locks, auth } = portal.services;
  const customer = await onboarding.create(actor, life.input);
  const mainUser = customer.users[0];
  if (life.registers && mainUser) {
    const { token } = await db.transaction((tx) =>
      users.issueToken(tx, 'customer-invite', mainUser.id, 60_000),
    );
    const { token: session } = await onboarding.acceptInvitation(
      { token, password: DEMO_CUSTOMER_PASSWORD, passwordConfirmation: DEMO_CUSTOMER_PASSWORD },
      { ip: '127.0.0.1', userAgent: 'vmsp seed' },
    );
    await auth.signOut(session);
  }
  if (life.total) {
    // Registering changed the row since it was created: start from its current version.
    const { version } = await details.details(customer.id);
    const result = await ipDistribution.distributeIps(actor, customer.id, {
      ...split(life.total, true),
      version,
    });
    if (life.downgradeAtOnce) {
      await ipDistribution.distributeIps(actor, customer.id, {
        ...split(Math.max(1, Math.floor(life.total / 2)), false),
        version: result.customer.version,
      });
    }
  }
  if (life.locked) await locks.setLocked(actor, customer.id, true);
  return customer.id;
}
