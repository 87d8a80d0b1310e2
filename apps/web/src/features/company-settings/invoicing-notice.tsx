import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInvoicingStatus } from './company-settings-api.ts';
import { useMissingFieldsText } from './missing-fields.ts';
import './texts.ts';

/** The page Settings → Company is at, below /admin (its entry in the admin menu). */
export const COMPANY_SETTINGS_PATH = 'settings/company';

/**
 * On the Billing page while invoicing is off: which Settings → Company fields it waits for, with a link there.
 * Nothing while it is on, loading, or could not be asked (the Billing page itself must not fail for it).
 */
export function InvoicingNotice() {
  const { t } = useTranslation();
  const missingText = useMissingFieldsText();
  const status = useInvoicingStatus();
  if (!status.data || status.data.enabled) return null;
  return (
    <Alert color="yellow" icon={<IconFileInvoice />} role="status">
      <Stack gap={4}>
        <Text size="sm">{t('companySettings.notice', { fields: missingText(status.data.missing) })}</Text>
        <Anchor component={Link} to={`/admin/${COMPANY_SETTINGS_PATH}`} size="sm" fw={500}>
          {t('companySettings.noticeLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
