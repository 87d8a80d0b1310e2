import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { createTestPortal, type TestPortal } from '../../test/harness.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await createTestPortal();
});
afterAll(() => portal.dispose());

it('answers EMAIL_TAKEN when the unique index refuses an address taken meanwhile, whatever its case', async () => {
  const { users } = portal.services;
  const user = { role: 'admin' as const, status: 'active' as const, passwordHash: null };
  await users.create(portal.connection.db, { ...user, email: 'taken@provider.test' });
  const refused = await users
    .create(portal.connection.db, { ...user, email: 'Taken@Provider.test' })
    .catch((e) => e);
  expect(refused).toBeInstanceOf(AppError);
  expect(refused).toMatchObject({ code: 'EMAIL_TAKEN', status: 409 });
});
