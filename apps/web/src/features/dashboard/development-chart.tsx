import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { useFormatMonth } from '../invoices/invoice-format.ts';
import {
  compactMoneyFormat,
  type Development,
  type DevelopmentPoint,
  MONEY_SERIES,
  type MoneySeries,
  shortMonthFormat,
} from './development-model.ts';
import './texts.ts';

/*
 * recharts (with its d3 parts) is this module's weight; the Dashboard loads it through React.lazy, so the first
 * page's bundle never carries it. Colours are Mantine's CSS variables: they follow the light or dark scheme
 * without the chart re-rendering.
 */

const COLORS: Record<MoneySeries, string> = {
  revenueMinor: 'var(--mantine-color-blue-filled)',
  purchaseMinor: 'var(--mantine-color-orange-filled)',
  marginMinor: 'var(--mantine-color-teal-filled)',
};
const IPS_COLOR = 'var(--mantine-color-grape-filled)';
/** The legend in the order the bars are drawn, then the line (recharts would sort it by name). */
const LEGEND_ORDER: string[] = [...MONEY_SERIES, 'ips'];
/** Text in the body colour, not dimmed: axis labels must stay readable (contrast) in both schemes. */
const TICK = { fill: 'var(--mantine-color-text)', fontSize: 12 };
const LINE = 'var(--mantine-color-default-border)';

/**
 * The development chart: revenue, purchase cost and margin as bars on the money axis (left), IPs as a line on
 * their own axis (right). To assistive technology it is one image with `label` (a summary); the table view
 * beside it carries every number.
 */
export default function DevelopmentChart({
  dev,
  label,
  height,
}: {
  dev: Development;
  label: string;
  height: number;
}) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const shortMonth = useMemo(() => shortMonthFormat(i18n.language), [i18n.language]);
  const moneyTick = useMemo(
    () => compactMoneyFormat(i18n.language, dev.currency),
    [i18n.language, dev.currency],
  );
  const byMonth = useMemo(() => new Map(dev.points.map((p) => [p.month, p])), [dev.points]);

  return (
    <Box role="img" aria-label={label}>
      {/* One image to assistive technology: recharts' own labelled parts (legend icons) would be read one by one. */}
      <Box aria-hidden>
        <ComposedChart
          data={dev.points}
          responsive
          style={{ width: '100%', height }}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
        >
          <CartesianGrid stroke={LINE} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tickFormatter={shortMonth} tick={TICK} stroke={LINE} />
          <YAxis yAxisId="money" tickFormatter={moneyTick} tick={TICK} stroke={LINE} width="auto" />
          <YAxis
            yAxisId="ips"
            orientation="right"
            allowDecimals={false}
            tickFormatter={formatNumber}
            tick={TICK}
            stroke={LINE}
            width="auto"
          />
          <Tooltip
            cursor={{ fill: 'var(--mantine-color-default-hover)' }}
            content={({ active, label: month }) => {
              const point = active ? byMonth.get(String(month)) : undefined;
              return point ? <PointTooltip point={point} dev={dev} /> : null;
            }}
          />
          <Legend
            itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.dataKey))}
            formatter={(name) => (
              <Text span size="sm" c="var(--mantine-color-text)">
                {name}
              </Text>
            )}
          />
          {dev.series.map((key) => (
            <Bar
              key={key}
              yAxisId="money"
              dataKey={key}
              name={t(`dashboard.development.${key}`)}
              fill={COLORS[key]}
              isAnimationActive={false}
            />
          ))}
          <Line
            yAxisId="ips"
            dataKey="ips"
            name={t('dashboard.development.ips')}
            stroke={IPS_COLOR}
            strokeWidth={2}
            dot={{ r: 3, fill: IPS_COLOR }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </Box>
    </Box>
  );
}

/** A month's exact figures under the pointer, money formatted from cents as everywhere on the page. */
function PointTooltip({ point, dev }: { point: DevelopmentPoint; dev: Development }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const formatMonth = useFormatMonth();
  const row = (color: string, name: string, value: string) => (
    <Group key={name} gap="xs" justify="space-between" wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        <Box w={10} h={10} bg={color} style={{ borderRadius: 2 }} />
        <Text size="sm">{name}</Text>
      </Group>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Paper withBorder shadow="sm" p="xs" radius="sm">
      <Stack gap={4}>
        <Text size="sm" fw={700}>
          {formatMonth(point.month)}
        </Text>
        {dev.series.map((key) => {
          const value = point[key];
          return row(
            COLORS[key],
            t(`dashboard.development.${key}`),
            value === null ? t('dashboard.noValue') : formatMoney(value, dev.currency),
          );
        })}
        {row(IPS_COLOR, t('dashboard.development.ips'), formatNumber(point.ips))}
      </Stack>
    </Paper>
  );
}
