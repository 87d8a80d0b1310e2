import { Group, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { useFormatMonth } from '../invoices/invoice-format.ts';
import { useDashboardHistory } from './dashboard-api.ts';
import {
  DEVELOPMENT_RANGES,
  type Development,
  type DevelopmentFormat,
  type DevelopmentRange,
  development,
  developmentRows,
  developmentSummary,
} from './development-model.ts';
import './texts.ts';

/** recharts is heavy: its chunk loads when the chart is first shown, never with the first page. */
const DevelopmentChart = lazy(() => import('./development-chart.tsx'));

const CHART_HEIGHT = 320;

type View = 'chart' | 'table';

/** The page's formatters for the development's months and amounts (money from cents, as the figures show it). */
function useDevelopmentFormat(currency: string): DevelopmentFormat {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const formatMonth = useFormatMonth();
  return useMemo(
    () => ({
      month: (p) =>
        p.current ? t('dashboard.currentMonth', { month: formatMonth(p.month) }) : formatMonth(p.month),
      number: formatNumber,
      money: (minor) => formatMoney(minor, currency),
      noValue: t('dashboard.noValue'),
    }),
    [t, formatMoney, formatNumber, formatMonth, currency],
  );
}

/**
 * `Development`: the last 6 or 12 billing months as a chart (revenue, purchase cost, margin, IPs) or as a table
 * of the same numbers. Independent of the month chosen above: it always ends with the current month.
 */
export function DevelopmentSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const [range, setRange] = useState<DevelopmentRange>(6);
  const [view, setView] = useState<View>('chart');
  const history = useDashboardHistory(range);
  const dev = useMemo(() => (history.data ? development(history.data) : null), [history.data]);

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id={headingId}>
          {t('dashboard.development.title')}
        </Title>
        <Group>
          <SegmentedControl
            aria-label={t('dashboard.development.range')}
            value={String(range)}
            onChange={(value) => setRange(Number(value) as DevelopmentRange)}
            data={DEVELOPMENT_RANGES.map((count) => ({
              value: String(count),
              label: t('dashboard.development.months', { count }),
            }))}
          />
          <SegmentedControl
            aria-label={t('dashboard.development.view')}
            value={view}
            onChange={(value) => setView(value as View)}
            data={[
              { value: 'chart', label: t('dashboard.development.chart') },
              { value: 'table', label: t('dashboard.development.table') },
            ]}
          />
        </Group>
      </Group>
      {history.isPending && <Skeleton h={CHART_HEIGHT} />}
      {history.isError && <LoadError error={history.error} onRetry={() => void history.refetch()} />}
      {dev && <DevelopmentView dev={dev} view={view} />}
    </Stack>
  );
}

function DevelopmentView({ dev, view }: { dev: Development; view: View }) {
  const { t, i18n } = useTranslation();
  const format = useDevelopmentFormat(dev.currency);
  const formatMonth = useFormatMonth();
  const summary = developmentSummary(dev, format);
  // What a screen reader hears for the chart; the table view has every number.
  let label = t('dashboard.development.title');
  if (summary) {
    label = t('dashboard.development.summary', { ...summary });
    if (summary.marginTo !== null) {
      label += ` ${t('dashboard.development.summaryMargin', { to: summary.to, margin: summary.marginTo })}`;
    }
  }
  const missing = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    dev.monthsWithoutPurchase.map(formatMonth),
  );

  return (
    <Stack gap="xs">
      {view === 'chart' ? (
        <Suspense fallback={<Skeleton h={CHART_HEIGHT} />}>
          <DevelopmentChart dev={dev} label={label} height={CHART_HEIGHT} />
        </Suspense>
      ) : (
        <DevelopmentTable dev={dev} format={format} />
      )}
      {!dev.series.includes('purchaseMinor') && (
        <Text size="sm" c="dimmed">
          {t('dashboard.development.noPurchase')}
        </Text>
      )}
      {dev.monthsWithoutPurchase.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('dashboard.development.partlyPurchase', { months: missing })}
        </Text>
      )}
    </Stack>
  );
}

/** The table view: a real table with a caption and headers, the chart's numbers row by row. */
function DevelopmentTable({ dev, format }: { dev: Development; format: DevelopmentFormat }) {
  const { t } = useTranslation();
  const rows = developmentRows(dev, format);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped captionSide="top">
        <Table.Caption>{t('dashboard.development.caption', { count: dev.points.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dashboard.development.month')}</Table.Th>
            {dev.series.map((key) => (
              <Table.Th key={key} scope="col" ta="right">
                {t(`dashboard.development.${key}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('dashboard.development.ips')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.month}>
              <Table.Th scope="row" fw={400}>
                {row.label}
              </Table.Th>
              {row.money.map((cell, index) => (
                <Table.Td key={dev.series[index]} ta="right">
                  {cell}
                </Table.Td>
              ))}
              <Table.Td ta="right">{row.ips}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
