import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { cardBilling, stripeEvents, stripePrices } from '../../db/schema.ts';

export type CardBillingRecord = typeof cardBilling.$inferSelect;

/** False when the event id is known already: Stripe redelivers, and an event is handled once. */
export async function insertEvent(
  executor: Executor,
  row: typeof stripeEvents.$inferInsert,
): Promise<boolean> {
  const inserted = await executor.insert(stripeEvents).values(row).onConflictDoNothing().returning();
  return inserted.length > 0;
}

export async function markEventProcessed(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(stripeEvents).set({ processedAt: at }).where(eq(stripeEvents.id, id));
}

export async function findCardBilling(executor: Executor, customerId: string) {
  const [row] = await executor.select().from(cardBilling).where(eq(cardBilling.customerId, customerId));
  return row;
}

export async function findCardBillingByStripeCustomer(executor: Executor, stripeCustomerId: string) {
  const [row] = await executor
    .select()
    .from(cardBilling)
    .where(eq(cardBilling.stripeCustomerId, stripeCustomerId));
  return row;
}

export async function upsertCardBilling(
  executor: Executor,
  row: typeof cardBilling.$inferInsert,
): Promise<CardBillingRecord> {
  const { customerId: _, ...rest } = row;
  const [saved] = await executor
    .insert(cardBilling)
    .values(row)
    .onConflictDoUpdate({ target: cardBilling.customerId, set: rest })
    .returning();
  if (!saved) throw new Error('upsert returned no row');
  return saved;
}

export async function findStripePrice(executor: Executor, priceVersion: number) {
  const [row] = await executor.select().from(stripePrices).where(eq(stripePrices.priceVersion, priceVersion));
  return row;
}

export async function insertStripePrice(executor: Executor, row: typeof stripePrices.$inferInsert) {
  await executor.insert(stripePrices).values(row).onConflictDoNothing();
}
