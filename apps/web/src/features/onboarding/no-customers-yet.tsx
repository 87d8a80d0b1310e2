import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { firstStepsPath } from './first-steps.tsx';
import './texts.ts';

/** The Billing list of a portal without customers: what to do first, rather than that no customer matches. */
export function NoCustomersYet() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap={4}>
      <Text fw={500}>{t('onboarding.billingEmpty')}</Text>
      <Text size="sm" ta="center">
        {t('onboarding.billingEmptyHint')}
      </Text>
      <Anchor component={Link} to={firstStepsPath} size="sm">
        {t('onboarding.toChecklist')}
      </Anchor>
    </Stack>
  );
}
