import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.ts';
import { customers } from '../../db/schema.ts';

/*
 * The team reads and locks its customer's row here and changes only the main user and the contact e-mail that
 * mirrors it: those few columns do not justify a dependency on the customers service and everything it needs.
 * The lock is the same row lock every customer change takes, so team changes and admin changes serialise.
 */

const teamColumns = {
  id: customers.id,
  companyName: customers.companyName,
  mainUserId: customers.mainUserId,
  contactEmail: customers.contactEmail,
};
export type TeamCustomer = { [K in keyof typeof teamColumns]: (typeof customers.$inferSelect)[K] };

export async function findTeamCustomer(executor: Executor, id: string): Promise<TeamCustomer | undefined> {
  const [row] = await executor.select(teamColumns).from(customers).where(eq(customers.id, id));
  return row;
}

/**
 * Locks the customer row for the transaction. Every change to a team takes this lock first, as the admin's
 * customer changes do, so a hand-over and any other change of the same team run one after the other.
 */
export async function lockTeamCustomer(tx: Tx, id: string): Promise<TeamCustomer | undefined> {
  const [row] = await tx.select(teamColumns).from(customers).where(eq(customers.id, id)).for('update');
  return row;
}

/** Makes the user the main user; the contact e-mail follows, the version bumps like every customer change. */
export async function setMainUser(
  tx: Tx,
  customerId: string,
  user: { id: string; email: string },
  now: Date,
): Promise<void> {
  await tx
    .update(customers)
    .set({
      mainUserId: user.id,
      contactEmail: user.email,
      updatedAt: now,
      version: sql`${customers.version} + 1`,
    })
    .where(eq(customers.id, customerId));
}
