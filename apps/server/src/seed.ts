import { randomUUID } from 'node:crypto';
import { statusOfRow } from '@vmsp/domain';
import type { Portal } from './app.ts';
import { analyze } from './db/analyze.ts';
import type { Database } from './db/connection.ts';
import { subscriptions } from './db/schema.ts';
import type { Clock } from './lib/clock.ts';
import { hashPassword } from './lib/passwords.ts';
import type { Actor } from './modules/audit/audit.service.ts';
import { insertCustomers, type NewCustomerRecord } from './modules/customers/customers.repository.ts';
import { type PriceVersionRecord, priceOf } from './modules/prices/prices.service.ts';

/**
 * Data for demos and benchmarks (`vmsp seed`): the names both use, and the large set, written in bulk with the
 * facts on each row consistent with its status. The demo, made through the services, is in seed-demo.ts.
 */

export const DEMO_CUSTOMER_PASSWORD = 'demo portal password 2026';

export const companies = [
  ['Acme Security', 'GmbH', 'Berlin', '10115', 'DE'],
  ['Nordlicht IT', 'GmbH', 'Hamburg', '20095', 'DE'],
  ['Alpen Netz', 'GmbH', 'Wien', '1010', 'AT'],
  ['Rheinwerk Systems', 'AG', 'Köln', '50667', 'DE'],
  ['Blue Harbor', 'Ltd', 'Dublin', 'D02', 'IE'],
  ['Castello Dati', 'S.r.l.', 'Milano', '20121', 'IT'],
  ['Helvetia Host', 'AG', 'Basel', '4051', 'CH'],
  ['Polder Cloud', 'B.V.', 'Rotterdam', '3011', 'NL'],
  ['Isar Consulting', 'GmbH', 'München', '80331', 'DE'],
  ['Spree Hosting', 'UG', 'Potsdam', '14467', 'DE'],
  ['Elbe Data', 'GmbH', 'Dresden', '01067', 'DE'],
  ['Main Secure', 'KG', 'Frankfurt am Main', '60311', 'DE'],
] as const;

export const people = [
  'Anna Schmidt',
  'Jonas Weber',
  'Lea Fischer',
  'Paul Wagner',
  'Mia Becker',
  'Felix Hoffmann',
  'Emma Koch',
  'Noah Richter',
];

/** Valid VAT-IDs for the demo's non-German countries (R-3.7 requires one outside Germany). */
export const demoVatIds: Record<string, string> = {
  AT: 'ATU13585627',
  IE: 'IE6388047V',
  IT: 'IT00743110157',
  CH: 'CHE123456788',
  NL: 'NL004495445B01',
};

/** The spec's example table, with a fourth range for larger customers. */
export const demoPriceTable = {
  currency: 'EUR',
  ranges: [
    { from: 1, to: 50, articleName: 'Vulnerability Scan S', articleNumber: 'VS-0050', unitPrice: '2.00' },
    { from: 51, to: 250, articleName: 'Vulnerability Scan M', articleNumber: 'VS-0250', unitPrice: '1.50' },
    { from: 251, to: 500, articleName: 'Vulnerability Scan L', articleNumber: 'VS-0500', unitPrice: '1.00' },
    {
      from: 501,
      to: 2000,
      articleName: 'Vulnerability Scan XL',
      articleNumber: 'VS-2000',
      unitPrice: '0.80',
    },
  ],
};

const seedActor = (): Actor => ({ id: randomUUID(), email: 'seed@vmsp.local' });

/** The current price table, saving the demo table first when there is none. */
async function ensurePriceTable(
  portal: Portal,
  db: Database,
  log: (line: string) => void,
): Promise<PriceVersionRecord> {
  const { prices } = portal.services;
  const [existing] = await prices.all(db);
  if (existing) return existing;
  await prices.save(seedActor(), { ...demoPriceTable, basedOnVersion: null });
  log('Price table saved (4 ranges, EUR).');
  return prices.latest(db);
}

let demoHashPromise: Promise<string> | undefined;
const demoHash = () => {
  demoHashPromise ??= hashPassword(DEMO_CUSTOMER_PASSWORD);
  return demoHashPromise;
};

/** A deterministic scramble of i (Knuth's multiplicative hash), different per salt. */
function spread(i: number, salt: number): number {
  return (Math.imul(i + salt * 7919, 2_654_435_761) >>> 0) >>> 8;
}

/** Inserts `count` customers with their main users in bulk (for benchmarks). */
export async function seedCustomers(
  portal: Portal,
  db: Database,
  clock: Clock,
  count: number,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const passwordHash = await demoHash();
  const table = await ensurePriceTable(portal, db, log);
  const largest = table.ranges.at(-1)?.to ?? 1;
  const batch = 2000;
  for (let offset = 0; offset < count; offset += batch) {
    const n = Math.min(batch, count - offset);
    const now = clock.now();
    const customerRows: NewCustomerRecord[] = [];
    const userRows: Parameters<Portal['services']['users']['insertMany']>[1] = [];
    const periodRows: (typeof subscriptions.$inferInsert)[] = [];
    for (let k = 0; k < n; k++) {
      const i = offset + k;
      const [name, form, city, postalCode, country] = companies[i % companies.length] ?? companies[0];
      const id = randomUUID();
      const userId = randomUUID();
      // Facets drawn independently of the name, as in real data (a plain i % n would tie them to the name order).
      const registered = spread(i, 1) % 4 !== 0;
      const locked = spread(i, 2) % 17 === 0;
      const email = `contact${i}@${name.toLowerCase().replace(/[^a-z]/g, '')}-${i}.example`;
      // Four in five registered customers subscribe, to 1–largest IPs, priced by the table like any change.
      const total = registered && spread(i, 4) % 5 !== 0 ? 1 + (spread(i, 5) % largest) : 0;
      const ipsInternal = total ? spread(i, 6) % (total + 1) : 0;
      const monthlyPriceMinor = total ? priceOf(table, total).totalMinor : null;
      if (total) {
        periodRows.push({
          customerId: id,
          ipsInternal,
          ipsExternal: total - ipsInternal,
          paymentMethod: 'invoice',
          priceVersion: table.version,
          monthlyPriceMinor: monthlyPriceMinor ?? 0,
          currency: table.currency,
          startedAt: now,
        });
      }
      const paymentMethod = total ? ('invoice' as const) : ('free' as const);
      const registeredAt = registered ? now : null;
      customerRows.push({
        id,
        companyName: `${name} ${i} ${form}`,
        street: `Musterstraße ${(i % 200) + 1}`,
        postalCode,
        city,
        country,
        vatId: demoVatIds[country] ?? null,
        contactName: people[i % people.length] ?? 'Contact',
        contactEmail: email,
        mainUserId: userId,
        serviceMode: spread(i, 3) % 3 === 0 ? ('self-service' as const) : ('managed' as const),
        status: statusOfRow({ locked, deletionRequestedAt: null, registeredAt, paymentMethod }),
        locked,
        ipsInternal,
        ipsExternal: total - ipsInternal,
        paymentMethod,
        monthlyPriceMinor,
        currency: table.currency,
        registeredAt,
        createdAt: new Date(now.getTime() - i * 60_000),
        updatedAt: now,
      });
      userRows.push({
        id: userId,
        email,
        role: 'customer' as const,
        status: registered ? ('active' as const) : ('invited' as const),
        passwordHash: registered ? passwordHash : null,
        customerId: id,
        createdAt: now,
        updatedAt: now,
      });
    }
    await db.transaction(async (tx) => {
      await insertCustomers(tx, customerRows);
      await portal.services.users.insertMany(tx, userRows);
      if (periodRows.length) await tx.insert(subscriptions).values(periodRows);
    });
    if ((offset / batch) % 10 === 9) log(`${offset + n} customers…`);
  }
  // Bulk inserts leave the planner's statistics behind; PGlite never refreshes them by itself.
  await analyze(db);
  log(`${count} customers inserted in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
