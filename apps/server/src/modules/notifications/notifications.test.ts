import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';

let portal: TestPortal;
let admin: string;
const api = (method: 'GET' | 'PUT', payload?: object) =>
  portal.app.inject({
    method,
    url: '/api/settings/notifications',
    ...(payload ? { payload } : {}),
    headers: { cookie: admin },
  });

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal, 'first@provider.test');
  portal.clock.advance(1000);
  await createAdmin(portal, 'second@provider.test');
  admin = await signIn(portal, 'second@provider.test');
});
afterAll(() => portal.dispose());

it('sends notifications to the first active admin until an address is set', async () => {
  expect((await api('GET')).json()).toEqual({ address: null, effectiveAddress: 'first@provider.test' });
  const saved = await api('PUT', { address: ' Billing@Provider.test ' });
  expect(saved.json()).toEqual({
    address: 'billing@provider.test',
    effectiveAddress: 'billing@provider.test',
  });
  expect(await portal.services.notifications.recipient(portal.connection.db)).toMatchObject({
    email: 'billing@provider.test',
  });
  expect((await api('PUT', { address: '' })).json()).toEqual({
    address: null,
    effectiveAddress: 'first@provider.test',
  });
});

it('refuses a malformed address, naming the field, and keeps the setting', async () => {
  await api('PUT', { address: 'billing@provider.test' });
  const res = await api('PUT', { address: 'not an address' });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
  expect((await api('GET')).json().address).toBe('billing@provider.test');
});
