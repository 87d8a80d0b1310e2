import { eq } from 'drizzle-orm';
import type { Executor } from './connection.ts';
import { settings } from './schema.ts';

/**
 * The `settings` table: one JSON document per key. Each owner (mail, self-service) validates its own
 * document; this is only the storage.
 */
export async function findSetting(
  executor: Executor,
  key: string,
  options: { forUpdate: boolean },
): Promise<unknown> {
  const query = executor.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row?.value;
}

export async function upsertSetting(
  executor: Executor,
  key: string,
  value: unknown,
  now: Date,
): Promise<void> {
  await executor
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}
