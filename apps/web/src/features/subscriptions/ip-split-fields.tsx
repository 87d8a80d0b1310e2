import { Group, NumberInput, SimpleGrid, Slider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../../app/format.ts';
import { type DistributionDraft, withExternal, withInternal } from './ip-distribution.ts';

/** NumberInput reports a string while its text is no number (empty); the draft holds null then. */
export const countOf = (value: number | string): number | null => (typeof value === 'number' ? value : null);

/**
 * The slider that splits a total between internal (left) and external (right) IPs, and the two inputs, kept in
 * step. Used by the IP Distribution dialog and the Add Project Key wizard.
 */
export function IpSplitFields({
  draft,
  max,
  onChange,
  errors,
  autoFocus = false,
}: {
  draft: DistributionDraft;
  /** The total to split; null while no valid total is entered (the slider waits for one). */
  max: number | null;
  onChange: (draft: DistributionDraft) => void;
  errors: { internal?: string | undefined; external?: string | undefined };
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const splitText = (internal: number) =>
    t('subscriptions.form.splitValue', {
      internal: formatNumber(internal),
      external: formatNumber((max ?? 0) - internal),
    });
  return (
    <>
      <Stack gap={6}>
        <Text size="sm" fw={500} aria-hidden>
          {t('subscriptions.form.split')}
        </Text>
        <Slider
          thumbLabel={t('subscriptions.form.split')}
          min={0}
          max={max ?? 1}
          step={1}
          disabled={max === null}
          value={max !== null && draft.internal !== null ? draft.internal : 0}
          onChange={(internal) => onChange(withInternal(draft, internal))}
          label={splitText}
          thumbValueText={splitText}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('subscriptions.form.internalEnd')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('subscriptions.form.externalEnd')}
          </Text>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NumberInput
          label={t('subscriptions.form.internal')}
          data-autofocus={autoFocus || undefined}
          min={0}
          max={max ?? undefined}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={draft.internal ?? ''}
          onChange={(value) => onChange(withInternal(draft, countOf(value)))}
          error={errors.internal}
        />
        <NumberInput
          label={t('subscriptions.form.external')}
          min={0}
          max={max ?? undefined}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={draft.external ?? ''}
          onChange={(value) => onChange(withExternal(draft, countOf(value)))}
          error={errors.external}
        />
      </SimpleGrid>
    </>
  );
}
