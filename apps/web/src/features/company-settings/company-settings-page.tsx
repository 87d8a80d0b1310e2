import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { CompanySettingsView } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useCompanySettings } from './company-settings-api.ts';
import { CompanySettingsForm } from './company-settings-form.tsx';
import { useMissingFieldsText } from './missing-fields.ts';
import './texts.ts';

/** Settings → Company: the invoice issuer; invoicing is off until it is complete. */
export default function CompanySettingsPage() {
  const { t } = useTranslation();
  const view = useCompanySettings();
  return (
    <Stack maw={860}>
      <Title order={2}>{t('companySettings.title')}</Title>
      <Text>{t('companySettings.intro')}</Text>
      {view.isPending && <PageLoader />}
      {view.isError && <LoadError error={view.error} onRetry={() => void view.refetch()} />}
      {view.data && (
        <>
          <CompletenessNotice view={view.data} />
          <Paper withBorder p="lg">
            <CompanySettingsForm settings={view.data.settings} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

/** Whether invoicing is on, and otherwise what it still waits for; it follows each save. */
function CompletenessNotice({ view }: { view: CompanySettingsView }) {
  const { t } = useTranslation();
  const missingText = useMissingFieldsText();
  if (view.complete) {
    return (
      <Alert color="green" icon={<IconCircleCheck />} role="status">
        {t('companySettings.complete')}
      </Alert>
    );
  }
  return (
    <Alert
      color="yellow"
      icon={<IconAlertTriangle />}
      title={t('companySettings.missingTitle')}
      role="status"
    >
      {t('companySettings.missing', { fields: missingText(view.missing) })}
    </Alert>
  );
}
