import { CustomerPage } from '@vmsp/contracts';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compiledSerializer } from './compiled-serializer.ts';

const route = { method: 'GET', url: '/api/customers' };
const zodWritten = serializerCompiler({ schema: CustomerPage, ...route });
const compiled = compiledSerializer({ schema: CustomerPage, ...route });

const row = (i: number) => ({
  id: `0b6c3a3e-8f55-4c59-9d07-${String(i).padStart(12, '0')}`,
  companyName: ['Nordlicht GmbH', 'Café "Zur Post" \\ Söhne', 'Emoji 🚀 Ltd\n', '</script>'][i % 4] ?? '',
  contactEmail: `contact${i}@example.test`,
  serviceMode: i % 2 ? 'managed' : 'self-service',
  status: 'active',
  ipsInternal: i,
  ipsExternal: 2 * i,
  paymentMethod: 'invoice',
  monthlyPrice: i % 3 ? { amountMinor: 123_456_789 * i, currency: 'EUR' } : null,
  averageIpPrice: i % 3 ? { numeratorMinor: 1000, denominator: 3 * i, currency: 'EUR' } : null,
  actions: i % 2 ? ['details', 'delete'] : [],
  paymentFailed: i % 5 === 0,
  version: i + 1,
  // A record's other fields never reach the client.
  street: 'Hauptstraße 1',
});

describe('compiled serializer', () => {
  it("writes a list page exactly as the zod serializer does, dropping what the schema doesn't name", () => {
    const page = {
      items: Array.from({ length: 12 }, (_, i) => row(i)),
      total: 100_000,
      totalIsLowerBound: false,
      page: 3,
      pageSize: 25,
    };
    const written = compiled(page);
    expect(written).toBe(zodWritten(page));
    expect(written).not.toContain('Hauptstraße');
    expect(JSON.parse(written).items[1].companyName).toBe('Café "Zur Post" \\ Söhne');
    const empty = { items: [], total: 0, totalIsLowerBound: true, page: 1, pageSize: 25 };
    expect(compiled(empty)).toBe(zodWritten(empty));
  });

  it('refuses a page that misses a required field, instead of writing it', () => {
    expect(() => compiled({ items: [], page: 1, pageSize: 25, totalIsLowerBound: false })).toThrow();
  });

  it('needs a zod schema', () => {
    expect(() => compiledSerializer({ schema: { type: 'object' }, ...route })).toThrow(/zod schema/);
    expect(() => compiledSerializer({ schema: z.object({ at: z.date() }), ...route })).toThrow();
  });
});
