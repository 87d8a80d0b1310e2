import type { CustomerRow } from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { CustomerRecord } from './customer-record.ts';
import type { ListedCustomer } from './customers.repository.ts';

/** How a customer row is shown: in the Billing list, in its details, in the audit log. */

/** A row of the Billing list, from the columns the list reads (or the whole record). */
export function toRow(c: ListedCustomer): CustomerRow {
  const total = c.ipsInternal + c.ipsExternal;
  return {
    id: c.id,
    companyName: c.companyName,
    contactEmail: c.contactEmail,
    serviceMode: c.serviceMode,
    status: c.status,
    ipsInternal: c.ipsInternal,
    ipsExternal: c.ipsExternal,
    paymentMethod: c.paymentMethod,
    monthlyPrice:
      c.monthlyPriceMinor === null ? null : { amountMinor: c.monthlyPriceMinor, currency: c.currency },
    averageIpPrice:
      c.monthlyPriceMinor === null || total === 0
        ? null
        : { numeratorMinor: c.monthlyPriceMinor, denominator: total, currency: c.currency },
    actions: customerActions(c),
    paymentFailed: c.paymentFailedAt !== null,
    version: c.version,
  };
}

export const addressOf = (c: Pick<CustomerRecord, 'street' | 'postalCode' | 'city' | 'country'>) => ({
  street: c.street,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
});

/** What the audit log keeps of a customer before and after a change. */
export const auditView = (c: CustomerRecord) => ({
  companyName: c.companyName,
  contactName: c.contactName,
  contactEmail: c.contactEmail,
  address: addressOf(c),
  vatId: c.vatId,
  billingAddress: c.billingAddress,
  invoiceEmail: c.invoiceEmail,
  serviceMode: c.serviceMode,
  status: c.status,
  locked: c.locked,
});
