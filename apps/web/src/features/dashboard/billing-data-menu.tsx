import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {t('dashboard.download.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('dashboard.download.label', { month: formatMonth(month) })}</Menu.Label>
        {FORMATS.map(({ format, icon: Icon }) => (
          <Menu.Item
            key={format}
            component="a"
            href={billingDataUrl(month, format)}
            download
            leftSection={<Icon size={16} />}
          >
            {t(`dashboard.download.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
