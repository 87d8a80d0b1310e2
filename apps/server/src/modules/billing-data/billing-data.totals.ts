import type { BillingDataRow } from './billing-data.rows.ts';

/** Sums of a set of rows. Purchase and margin count only rows with a purchase price; `unpriced` counts the rest. */
export interface Sums {
  rows: number;
  customers: number;
  salesMinor: number;
  purchaseMinor: number;
  marginMinor: number;
  unpriced: number;
}

const empty = (): Sums => ({
  rows: 0,
  customers: 0,
  salesMinor: 0,
  purchaseMinor: 0,
  marginMinor: 0,
  unpriced: 0,
});

/**
 * The billing data's totals, added up row by row as the rows stream past (nothing is kept but the sums): in all,
 * per payment method and per service mode. A customer counts once per group it has a row in; rows arrive in
 * customer order, so the last customer seen per group is enough to tell.
 */
export class BillingDataTotals {
  readonly all: Sums = empty();
  readonly byPaymentMethod = new Map<string, Sums>();
  readonly byServiceMode = new Map<string, Sums>();
  currency = 'EUR';
  readonly #lastCustomer = new Map<Sums, string>();

  add(row: BillingDataRow): void {
    this.currency = row.currency;
    for (const sums of [
      this.all,
      groupOf(this.byPaymentMethod, row.paymentMethod),
      groupOf(this.byServiceMode, row.serviceMode),
    ]) {
      sums.rows++;
      if (this.#lastCustomer.get(sums) !== row.customerId) {
        sums.customers++;
        this.#lastCustomer.set(sums, row.customerId);
      }
      sums.salesMinor += row.salesMinor;
      if (row.purchaseMinor === null) sums.unpriced++;
      else {
        sums.purchaseMinor += row.purchaseMinor;
        sums.marginMinor += row.marginMinor ?? 0;
      }
    }
  }
}

function groupOf(groups: Map<string, Sums>, key: string): Sums {
  let sums = groups.get(key);
  if (!sums) {
    sums = empty();
    groups.set(key, sums);
  }
  return sums;
}
