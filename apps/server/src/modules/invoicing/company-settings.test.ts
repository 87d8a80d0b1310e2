import type { ValidationRule } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';
import { ibanChecksumValid } from './company-settings.rules.ts';

let portal: TestPortal;
let admin: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** A 1×1 PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(() => portal.dispose());

describe('Settings → Company', () => {
  it('starts with the defaults and invoicing off, naming every missing field', async () => {
    const view = (await api('GET', '/api/settings/company')).json();
    expect(view.settings).toMatchObject({
      standardVatRateBasisPoints: 1900,
      paymentTermDays: 14,
      numberPattern: 'RE-{YYYY}-{seq:6}',
      logoDataUrl: null,
    });
    expect(view.complete).toBe(false);
    expect(view.missing).toEqual([
      'companyName',
      'street',
      'postalCode',
      'city',
      'country',
      'vatId',
      'email',
      'iban',
      'bic',
      'bankName',
    ]);
    expect((await api('GET', '/api/invoicing/status')).json()).toEqual({
      enabled: false,
      missing: view.missing,
    });
  });

  it('refuses invalid values with 400 naming the field and the rule it broke, and stores nothing', async () => {
    const bad: [Partial<typeof COMPLETE_COMPANY>, string, ValidationRule][] = [
      [{ country: 'XX' }, 'country', 'invalid-option'],
      [{ country: 'CH', vatId: '' }, 'country', 'not-eu-country'],
      [{ standardVatRateBasisPoints: 0 }, 'standardVatRateBasisPoints', 'vat-rate-zero'],
      [{ vatId: 'DE123456789' }, 'vatId', 'vat-id-format'],
      [{ vatId: 'ATU13585627' }, 'vatId', 'vat-id-prefix'],
      [{ vatId: 'DE136695976', country: '' }, 'country', 'vat-id-needs-country'],
      [{ iban: 'DE89 3704 0044 0532 0130 01' }, 'iban', 'iban-checksum'],
      [{ iban: 'not an iban' }, 'iban', 'iban-format'],
      [{ bic: 'COBA' }, 'bic', 'bic-format'],
      [{ email: 'billing-at-provider' }, 'email', 'invalid-email'],
      [{ numberPattern: 'RE-{YYYY}' }, 'numberPattern', 'number-pattern-no-sequence'],
      [{ logoDataUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }, 'logoDataUrl', 'logo-not-image'],
      [{ logoDataUrl: 'data:image/png;base64,/9j/4AAQSkZJRg==' }, 'logoDataUrl', 'logo-not-image'],
      [{ standardVatRateBasisPoints: 10001 }, 'standardVatRateBasisPoints', 'too-big'],
      [{ paymentTermDays: -1 }, 'paymentTermDays', 'too-small'],
    ];
    for (const [patch, field, rule] of bad) {
      const res = await api('PUT', '/api/settings/company', { ...COMPLETE_COMPANY, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json(), JSON.stringify(patch)).toMatchObject({ code: 'VALIDATION_FAILED', field, rule });
    }
    expect((await api('GET', '/api/settings/company')).json().complete).toBe(false);
  });

  it('saves a half-done page (invoicing stays off) and names what is still missing', async () => {
    const res = await api('PUT', '/api/settings/company', {
      ...COMPLETE_COMPANY,
      vatId: '',
      taxNumber: '',
      iban: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ complete: false, missing: ['vatId', 'iban'] });
    await expect(portal.services.companySettings.requireComplete(portal.connection.db)).rejects.toMatchObject(
      {
        code: 'INVOICING_NOT_CONFIGURED',
        message: expect.stringContaining('VAT-ID, IBAN'),
      },
    );
  });

  it('turns invoicing on once complete, normalises IBAN, BIC and VAT-ID, and audits the change', async () => {
    const res = await api('PUT', '/api/settings/company', {
      ...COMPLETE_COMPANY,
      vatId: 'de 136 695 976',
      bic: 'cobadeff',
      logoDataUrl: PNG,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      complete: true,
      missing: [],
      settings: { iban: 'DE89370400440532013000', bic: 'COBADEFF', vatId: 'DE136695976', logoDataUrl: PNG },
    });
    expect((await api('GET', '/api/invoicing/status')).json()).toEqual({ enabled: true, missing: [] });
    const settings = await portal.services.companySettings.requireComplete(portal.connection.db);
    expect(settings.companyName).toBe('Provider Security GmbH');

    const [entry] = await queryRows<{ actor_email: string; after: { iban: string; logoDataUrl: string } }>(
      portal.connection.db,
      sql`select actor_email, after from audit_log where action = 'company-settings.changed' order by id desc limit 1`,
    );
    expect(entry?.actor_email).toBe('admin@provider.test');
    expect(entry?.after.iban).toBe('DE89370400440532013000');
    // The audit trail notes the logo, without its bytes.
    expect(entry?.after.logoDataUrl).toMatch(/^\(image, \d+ characters\)$/);
  });

  it('a tax number alone does not do: reverse-charge invoices need the VAT-ID', async () => {
    const res = await api('PUT', '/api/settings/company', {
      ...COMPLETE_COMPANY,
      vatId: '',
      taxNumber: '30/123/45678',
    });
    expect(res.json()).toMatchObject({ complete: false, missing: ['vatId'] });
  });

  it('is for admins only', async () => {
    // A customer's user: invited by the admin, signed in through the invitation link.
    await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
    const { cookie: customerUser } = await invitedCustomer(portal, admin, {
      companyName: 'Customer GmbH',
      address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactEmail: 'erika@customer.test',
    });
    for (const [method, url] of [
      ['GET', '/api/settings/company'],
      ['PUT', '/api/settings/company'],
      ['GET', '/api/invoicing/status'],
    ] as const) {
      const payload = method === 'PUT' ? COMPLETE_COMPANY : undefined;
      expect((await api(method, url, payload, '')).statusCode, url).toBe(401);
      expect((await api(method, url, payload, customerUser)).statusCode, url).toBe(403);
    }
  });
});

describe('the IBAN check (ISO 13616, mod 97)', () => {
  it('accepts real IBANs and refuses a changed digit or swapped pair', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606']) {
      expect(ibanChecksumValid(iban), iban).toBe(true);
    }
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(ibanChecksumValid('DE89370400440532031000')).toBe(false);
  });
});
