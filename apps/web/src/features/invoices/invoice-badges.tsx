import type { InvoiceStatus, StripeInvoiceItem } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import './texts.ts';

const invoiceColors = { issued: 'blue', paid: 'green', overdue: 'red', cancelled: 'gray' } as const;

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={invoiceColors[status]}>{t(`invoices.status.${status}`)}</StatusBadge>;
}

const stripeColors = {
  draft: 'gray',
  open: 'blue',
  paid: 'green',
  uncollectible: 'red',
  void: 'gray',
} as const;

export function StripeInvoiceStatusBadge({ status }: { status: StripeInvoiceItem['status'] }) {
  const { t } = useTranslation();
  return <StatusBadge color={stripeColors[status]}>{t(`invoices.stripe.status.${status}`)}</StatusBadge>;
}
