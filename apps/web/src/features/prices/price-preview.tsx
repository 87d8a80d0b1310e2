import { DataList, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { averageUnitPriceRounded, graduatedPrice, maxIps, type PriceTable } from '@vmsp/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';

/**
 * "Price for n IPs" by the table being edited: the graduated total, by the very function the server
 * bills with, and the average per IP, rounded half-up for display only. Only a valid table has prices.
 */
export function PricePreview({ table }: { table: PriceTable | null }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const titleId = useId();
  // Kept while the table is invalid, so that the preview comes back with the same count once it is valid again.
  const [ips, setIps] = useState<number | null>(null);

  const max = table ? maxIps(table) : 0;
  const countOk = ips !== null && Number.isSafeInteger(ips) && ips >= 1 && ips <= max;
  const price = table && countOk ? graduatedPrice(table, ips) : null;
  const average = price && countOk ? averageUnitPriceRounded(price.totalMinor, ips) : null;

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={4} id={titleId}>
        {t('prices.preview.title')}
      </Title>
      {table ? (
        <>
          <Group gap="xs" align="flex-start">
            <Text mt={6}>{t('prices.preview.priceFor')}</Text>
            <NumberInput
              aria-label={t('prices.preview.count')}
              w={140}
              min={1}
              max={max}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={ips ?? ''}
              onChange={(value) => setIps(typeof value === 'number' ? value : null)}
              error={ips !== null && !countOk ? t('prices.preview.countProblem', { max }) : undefined}
            />
            <Text mt={6}>{t('prices.preview.ips')}</Text>
          </Group>
          {price && (
            <DataList labelWidth="11rem">
              <DataList.Item>
                <DataList.ItemLabel>{t('prices.preview.monthly')}</DataList.ItemLabel>
                <DataList.ItemValue fw={700}>
                  {formatMoney(price.totalMinor, table.currency)}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('prices.preview.average')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {average === null ? t('common.noValue') : formatMoney(average, table.currency)}
                </DataList.ItemValue>
              </DataList.Item>
            </DataList>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('prices.preview.needsValidTable')}
        </Text>
      )}
    </Stack>
  );
}
