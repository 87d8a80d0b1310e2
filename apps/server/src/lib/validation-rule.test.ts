import { ApiError } from '@vmsp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../test/harness.ts';
import { validationRuleOf } from './validation-rule.ts';

let portal: TestPortal;
let admin: string;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(() => portal.dispose());

async function refusal(method: 'POST' | 'PUT', url: string, payload: object) {
  const res = await portal.app.inject({ method, url, headers: { cookie: admin }, payload });
  expect(res.statusCode, res.body).toBe(400);
  const body = ApiError.strict().parse(res.json());
  expect(body.code).toBe('VALIDATION_FAILED');
  return body;
}

const smtp = { transport: 'smtp', host: 'mail.provider.test', port: 587, encryption: 'starttls' };

describe('VALIDATION_FAILED names the field and the rule it broke, so the web app can word it', () => {
  it.each([
    ['a missing e-mail', '/api/admins', {}, { field: 'email', rule: 'required' }],
    ['a malformed e-mail', '/api/admins', { email: 'nope' }, { field: 'email', rule: 'invalid-email' }],
  ] as const)('%s', async (_case, url, payload, expected) => {
    expect(await refusal('POST', url, payload)).toMatchObject(expected);
  });

  it.each([
    ['a port above 65535', { ...smtp, port: 70_000 }, { field: 'port', rule: 'too-big', limit: 65_535 }],
    ['a port of 0', { ...smtp, port: 0 }, { field: 'port', rule: 'too-small', limit: 1 }],
    ['a fractional port', { ...smtp, port: 1.5 }, { field: 'port', rule: 'not-whole' }],
    [
      'a sender name over 200 characters',
      { ...smtp, fromAddress: 'portal@provider.test', fromName: 'x'.repeat(201) },
      { field: 'fromName', rule: 'too-long', limit: 200 },
    ],
    ['an unknown transport', { transport: 'fax' }, { field: 'transport', rule: 'invalid-option' }],
  ] as const)('%s', async (_case, payload, expected) => {
    expect(await refusal('PUT', '/api/settings/mail', payload)).toMatchObject(expected);
  });

  it('names the rule of a service check too: an unknown country is not one of the offered options', async () => {
    const mail = { transport: 'log', fromAddress: 'portal@provider.test', fromName: 'Portal' };
    const saved = await portal.app.inject({
      method: 'PUT',
      url: '/api/settings/mail',
      headers: { cookie: admin },
      payload: mail,
    });
    expect(saved.statusCode).toBe(200);
    const body = await refusal('POST', '/api/customers', {
      companyName: 'Nowhere Ltd',
      address: { street: 'Main Street 1', postalCode: '12345', city: 'Nowhere', country: 'XX' },
      contactName: 'No One',
      contactEmail: 'no.one@nowhere.test',
      serviceMode: 'managed',
    });
    expect(body).toMatchObject({ field: 'address.country', rule: 'invalid-option' });
  });

  it('gives no rule for a refinement of a schema of its own: its message stands', () => {
    expect(validationRuleOf({ keyword: 'custom', message: 'From must not be after To.' })).toBeUndefined();
    const unknown = { keyword: 'custom', message: 'Too odd.', params: { params: { rule: 'too-odd' } } };
    expect(validationRuleOf(unknown)).toBeUndefined();
  });

  it('names the rule a refinement gives in its params: the audit filter refuses a reversed range', async () => {
    const res = await portal.app.inject({
      method: 'GET',
      url: '/api/audit?from=2026-02-01&to=2026-01-31',
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(ApiError.strict().parse(res.json())).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'to',
      rule: 'date-range-reversed',
      message: 'The first day must not be after the last.',
    });
  });
});
