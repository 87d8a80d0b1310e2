import type { Executor } from '../../db/connection.ts';
import { billingRecords } from '../../db/schema.ts';

export type NewBillingRecord = typeof billingRecords.$inferInsert;

export async function insertBillingRecord(executor: Executor, row: NewBillingRecord): Promise<void> {
  await executor.insert(billingRecords).values(row);
}
