import { Anchor, Group, List, Paper, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import type { OnboardingStep, OnboardingStepId } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnboarding } from './onboarding-api.ts';
import './texts.ts';

/** Where each step is done. */
const STEP_PAGES: Record<OnboardingStepId, string> = {
  'mail-server': '/admin/settings/mail',
  'company-data': '/admin/settings/company',
  'price-table': '/admin/self-service',
  'payment-methods': '/admin/payment-methods',
  'first-customer': '/admin/billing',
};

/** Where the checklist is: the Billing page's empty state links there. */
export const firstStepsPath = '/admin/dashboard';

/**
 * The first-steps checklist a fresh install's Dashboard opens with, until every step is done (issue 14, item 7).
 * It is a guide, not the page's content: while it loads, or if it cannot be read, the Dashboard shows without it.
 */
export function FirstSteps() {
  const { t } = useTranslation();
  const titleId = useId();
  const onboarding = useOnboarding();
  if (!onboarding.data || onboarding.data.complete) return null;
  const { steps } = onboarding.data;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4" id={titleId}>
            {t('onboarding.title')}
          </Title>
          <Text size="sm">
            {t('onboarding.progress', { done: steps.filter((s) => s.done).length, total: steps.length })}
          </Text>
        </Group>
        <Text size="sm">{t('onboarding.intro')}</Text>
        <List spacing="sm" listStyleType="none">
          {steps.map((step) => (
            <StepItem key={step.id} step={step} />
          ))}
        </List>
      </Stack>
    </Paper>
  );
}

function StepItem({ step }: { step: OnboardingStep }) {
  const { t } = useTranslation();
  return (
    <List.Item
      data-step={step.id}
      data-done={step.done}
      icon={
        <ThemeIcon
          color={step.done ? 'green' : 'gray'}
          variant={step.done ? 'filled' : 'light'}
          radius="xl"
          size="md"
        >
          {step.done ? <IconCheck size={16} aria-hidden /> : <IconCircleDashed size={16} aria-hidden />}
        </ThemeIcon>
      }
    >
      <Anchor component={Link} to={STEP_PAGES[step.id]} fw={500} td={step.done ? 'line-through' : undefined}>
        {t(`onboarding.steps.${step.id}.label`)}
      </Anchor>
      <VisuallyHidden>{step.done ? t('onboarding.done') : t('onboarding.open')}</VisuallyHidden>
      <Text size="sm">{t(`onboarding.steps.${step.id}.hint`)}</Text>
    </List.Item>
  );
}
