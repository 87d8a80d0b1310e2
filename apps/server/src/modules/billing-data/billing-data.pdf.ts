import type { Content, TableCell } from 'pdfmake';
import pdfmake from 'pdfmake';
import { formatMoney } from '../invoicing/documents/document-format.ts';
import { invoiceFonts } from '../invoicing/documents/pdf-fonts.ts';
import type { BillingDataTotals, Sums } from './billing-data.totals.ts';

// The invoice PDFs' font set-up (invoicing/documents/invoice-pdf.ts): Roboto from the pdfmake package, parsed
// once, from pdfmake's virtual file system; no other file and no URL is read. Setting it again is harmless.
const { virtualfs } = pdfmake as unknown as {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};
const fonts = invoiceFonts();
for (const [name, content] of fonts.files) virtualfs.writeFileSync(name, content);
pdfmake.setFonts({ Roboto: fonts.family });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

const GREY = '#555555';

const PAYMENT_METHODS: Record<string, string> = {
  invoice: 'Invoice',
  'project-key': 'Project key',
  'credit-card': 'Credit card',
};
const SERVICE_MODES: Record<string, string> = { managed: 'Managed', 'self-service': 'Self-service' };

/**
 * The billing data's summary as an A4 PDF (the rows are in the CSV and XLSX): sales, purchase and margin in all,
 * per payment method and per service mode, for the month. Made from the totals alone, so it is small whatever
 * the month holds.
 */
export async function billingDataPdf(
  totals: BillingDataTotals,
  month: string,
  generatedAt: Date,
): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, totals.currency, 'en');
  const table = (title: string, groups: [string, Sums][]): Content[] => [
    { text: title, style: 'heading' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
        body: [
          ['', 'Customers', 'Periods', 'Sales', 'Purchase', 'Margin', 'Margin %'].map(
            (text): TableCell => ({ text, bold: true, alignment: text ? 'right' : 'left' }),
          ),
          ...groups.map(([label, s]): TableCell[] => [
            label,
            ...[
              String(s.customers),
              String(s.rows),
              money(s.salesMinor),
              money(s.purchaseMinor),
              money(s.marginMinor),
              marginPercent(s),
            ].map((text): TableCell => ({ text, alignment: 'right' })),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  const labelled = (groups: Map<string, Sums>, labels: Record<string, string>) =>
    [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, s]): [string, Sums] => [labels[key] ?? key, s]);
  const unpriced = totals.all.unpriced;
  const definition: Parameters<typeof pdfmake.createPdf>[0] = {
    pageSize: 'A4',
    pageMargins: [50, 45, 50, 60],
    info: { title: `Billing data ${month}`, subject: `Billing data ${month}` },
    language: 'en',
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      heading: { fontSize: 11, bold: true, margin: [0, 16, 0, 6] },
      small: { fontSize: 8, color: GREY },
    },
    content: [
      { text: `Billing data ${month}`, style: 'title' },
      {
        text: `Proof of performance: sales, purchase and margin of the billing month ${month}, per subscription period. Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
        style: 'small',
      },
      ...table('Total', [['All customers', totals.all]]),
      ...table('By payment method', labelled(totals.byPaymentMethod, PAYMENT_METHODS)),
      ...table('By service mode', labelled(totals.byServiceMode, SERVICE_MODES)),
      {
        text: [
          'Sales of customers paying by invoice or project key are their invoices of the month (net); card customers are billed by Stripe, their sales are computed from their periods. ',
          unpriced
            ? `${unpriced} periods have no purchase price (no purchase price table applies to them): purchase and margin count only the others.`
            : 'Every period has a purchase price.',
        ],
        style: 'small',
        margin: [0, 16, 0, 0],
      },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}

/** The margin as a share of the sales it was earned on; empty without sales. */
function marginPercent(s: Sums): string {
  if (s.salesMinor === 0) return '';
  return `${((s.marginMinor / s.salesMinor) * 100).toFixed(1)} %`;
}
