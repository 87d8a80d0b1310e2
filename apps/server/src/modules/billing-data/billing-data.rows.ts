import type { MonthPeriod } from '../billing/month-periods.ts';
import type { MonthPricing } from './billing-data.pricing.ts';
import type {
  BillingDataCustomer,
  KeyPurchase,
  MonthInvoice,
  PaymentMethod,
  PeriodSales,
} from './billing-data.repository.ts';

/** One line of the billing data: a customer's subscription period in the month, what it sold and what it cost. */
export interface BillingDataRow {
  customerId: string;
  customerName: string;
  serviceMode: 'managed' | 'self-service';
  paymentMethod: PaymentMethod;
  /** The period's first and last billed day in the month, YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  ipsInternal: number;
  ipsExternal: number;
  ipsTotal: number;
  /** The period's article numbers, in price range order, joined by " + " (no separator of either CSV dialect). */
  articleNumber: string;
  salesMinor: number;
  /** null while no purchase price applies (no purchase table yet, or none for the month). */
  purchaseMinor: number | null;
  marginMinor: number | null;
  invoiceNumber: string | null;
  currency: string;
}

/** What one customer's rows are made of. */
export interface CustomerMonth {
  customer: BillingDataCustomer;
  /** The customer's periods in the month, in time order. */
  periods: MonthPeriod[];
  invoice: MonthInvoice | undefined;
  keys: Map<string, KeyPurchase>;
}

const INVOICED: ReadonlySet<PaymentMethod> = new Set(['invoice', 'project-key']);

/**
 * A customer's rows of the month, one per subscription period with a billed day.
 *
 * Days: the invoices' (invoiceLinesOfMonth): each day belongs to the period running at its end, and a period
 * ended without a successor (Cancel) is billed to the month's end unless a project key's term ran out; the
 * purchase side counts the same days, since the provider keeps the IPs at its upstream MSP as long.
 *
 * Sales: for customers paying by invoice or project key, the month's invoice's lines of the period (matched by
 * their period from–to), so the column sums to exactly the invoices' net. A period the portal did not invoice
 * (no invoice: the customer was refused for a missing address, or the month's run has not issued yet) sold
 * nothing on record: 0, without an invoice number. Card customers are billed by Stripe, whose invoices the
 * portal only lists, so their lines are computed here with the same domain function the invoice run uses,
 * invoiceLinesOfMonth, from the period's price table version (MonthPricing.sales).
 *
 * Purchase: per period, the monthly purchase price pro rata by days, rounded half-up once, like a sales line.
 * A project key's period costs the key's purchase price / its months (rounded half-up), the key's own price.
 * Other periods are priced by the graduated purchase table for the period's IPs, per customer as the
 * reference product does (a provider-wide tier would have to be shared out over the customers by some
 * arbitrary key, and the rows would no longer add up to what each customer costs). The version is the one in
 * force on the period's last billed day: purchase versions change only at a month's start, except the very
 * first one, which then prices the whole month it was saved in (there was no earlier price to keep).
 *
 * Invoice lines left over after matching (none while periods stay as they were invoiced) still get a row, so
 * the sums never lose a cent of an invoice.
 */
export function billingDataRows(pricing: MonthPricing, input: CustomerMonth): BillingDataRow[] {
  const { customer, invoice } = input;
  // The invoice's sales per period (the repository adds up each period's price ranges), matched off one by one.
  const unmatched = invoice ? [...invoice.lines] : [];
  const rows: BillingDataRow[] = [];
  for (const period of input.periods) {
    const ips = period.ipsInternal + period.ipsExternal;
    const cancelled =
      period.endedAt !== null &&
      !period.continued &&
      !(period.termEndsAt && period.termEndsAt <= period.endedAt);
    const billedEnd = cancelled ? null : period.endedAt;
    const sales = pricing.sales(period, billedEnd);
    if (!sales) continue;
    const monthlyPurchase = pricing.monthlyPurchase(period, billedEnd, input.keys);
    const purchaseMinor = monthlyPurchase === null ? null : pricing.proRata(monthlyPurchase, sales.days);
    let salesMinor = sales.salesMinor;
    let articleNumber = sales.articleNumber;
    let invoiceNumber: string | null = null;
    if (INVOICED.has(period.paymentMethod)) {
      const at = unmatched.findIndex(
        (l) => l.periodFrom === sales.periodFrom && l.periodTo === sales.periodTo,
      );
      const [line] = at < 0 ? [] : unmatched.splice(at, 1);
      salesMinor = line?.netMinor ?? 0;
      if (line) articleNumber = line.articleNumber;
      invoiceNumber = line ? (invoice?.number ?? null) : null;
    }
    rows.push({
      customerId: customer.id,
      customerName: customer.companyName,
      serviceMode: customer.serviceMode,
      paymentMethod: period.paymentMethod,
      periodFrom: sales.periodFrom,
      periodTo: sales.periodTo,
      ipsInternal: period.ipsInternal,
      ipsExternal: period.ipsExternal,
      ipsTotal: ips,
      articleNumber,
      salesMinor,
      purchaseMinor,
      marginMinor: purchaseMinor === null ? null : salesMinor - purchaseMinor,
      invoiceNumber,
      currency: period.currency,
    });
  }
  for (const line of unmatched) rows.push(leftoverRow(line, input));
  return rows;
}

/** An invoiced period no longer among the periods: its sales as invoiced, without a purchase price. */
function leftoverRow(line: PeriodSales, { customer, invoice, periods }: CustomerMonth): BillingDataRow {
  const keyed = line.articleNumber === 'PROJECT-KEY';
  const ips = keyed ? 0 : line.quantity;
  return {
    customerId: customer.id,
    customerName: customer.companyName,
    serviceMode: customer.serviceMode,
    paymentMethod: keyed ? 'project-key' : 'invoice',
    periodFrom: line.periodFrom,
    periodTo: line.periodTo,
    ipsInternal: ips,
    ipsExternal: 0,
    ipsTotal: ips,
    articleNumber: line.articleNumber,
    salesMinor: line.netMinor,
    purchaseMinor: null,
    marginMinor: null,
    invoiceNumber: invoice?.number ?? null,
    currency: periods[0]?.currency ?? 'EUR',
  };
}
