import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DownloadMenu } from '../../app/ui/download-menu.tsx';
import { useFormatMonth } from '../invoices/invoice-format.ts';
import { type BillingDataFormat, billingDataUrl } from './dashboard-api.ts';
import './texts.ts';

const FORMATS: { format: BillingDataFormat; icon: typeof IconFileSpreadsheet }[] = [
  { format: 'xlsx', icon: IconFileSpreadsheet },
  { format: 'csv', icon: IconFileSpreadsheet },
  { format: 'pdf', icon: IconFileTypePdf },
];

/** `Billing data`: the month's proof of performance per customer and period, for the upstream MSP and the accountant. */
export function BillingDataMenu({ month }: { month: string }) {
  const { t } = useTranslation();
  const formatMonth = useFormatMonth();
  return (
    <DownloadMenu
      button={t('dashboard.download.button')}
      label={t('dashboard.download.label', { month: formatMonth(month) })}
      items={FORMATS.map(({ format, icon: Icon }) => ({
        text: t(`dashboard.download.${format}`),
        href: billingDataUrl(month, format),
        icon: <Icon size={16} />,
      }))}
    />
  );
}
