import { Button, Text } from '@mantine/core';
import type { PriceRange, PriceVersion } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';

const rangesIdOf = (version: number) => `price-version-${version}`;

/**
 * Every saved version of the price table, newest first: when and by whom it was saved, from when running
 * subscriptions are billed with it (the start of a billing month, so shown as a date in the billing time zone),
 * and its ranges on demand. `label` and `unitPriceLabel` name the table and its price (the sales table's by
 * default), so that the purchase price table's versions are shown alike.
 */
export function PriceVersions({
  versions,
  label,
  unitPriceLabel,
}: {
  versions: PriceVersion[];
  label?: string;
  unitPriceLabel?: string;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatBillingDate = useFormatBillingDate();
  const formatNumber = useFormatNumber();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  if (versions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('prices.versions.empty')}
      </Text>
    );
  }

  const toggle = (version: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(version)) next.add(version);
      return next;
    });

  const columns: ListColumn<PriceVersion>[] = [
    {
      key: 'version',
      label: t('prices.versions.columns.version'),
      card: 'field',
      align: 'right',
      cell: ({ version }) => version,
    },
    {
      key: 'createdAt',
      label: t('prices.versions.columns.createdAt'),
      card: 'field',
      cell: ({ createdAt }) => formatDateTime(createdAt),
    },
    {
      key: 'createdBy',
      label: t('prices.versions.columns.createdBy'),
      card: 'field',
      cell: ({ createdBy }) => createdBy ?? t('common.noValue'),
    },
    {
      key: 'runningFrom',
      label: t('prices.versions.columns.runningFrom'),
      card: 'field',
      cell: ({ runningFrom }) => formatBillingDate(runningFrom),
    },
    {
      key: 'ranges',
      label: t('prices.versions.columns.ranges'),
      card: 'field',
      align: 'right',
      cell: ({ ranges }) => formatNumber(ranges.length),
    },
    { key: 'currency', label: t('prices.versions.columns.currency'), card: 'field', cell: (v) => v.currency },
    {
      key: 'details',
      label: t('prices.versions.columns.details'),
      card: 'actions',
      cell: ({ version }) => {
        const open = expanded.has(version);
        return (
          <Button
            size="xs"
            variant="subtle"
            aria-label={t(open ? 'prices.versions.hideOf' : 'prices.versions.showOf', { version })}
            aria-expanded={open}
            aria-controls={open ? rangesIdOf(version) : undefined}
            onClick={() => toggle(version)}
          >
            {open ? t('prices.versions.hide') : t('prices.versions.show')}
          </Button>
        );
      },
    },
  ];
  return (
    <ResponsiveList
      items={versions}
      itemKey={({ version }) => String(version)}
      columns={columns}
      label={label ?? t('prices.versions.label')}
      minWidth={900}
      tableProps={{ striped: false, highlightOnHover: false }}
      detail={({ version, ranges, currency }) =>
        expanded.has(version)
          ? {
              id: rangesIdOf(version),
              content: (
                <PriceRangesTable
                  ranges={ranges}
                  currency={currency}
                  label={t('prices.versions.rangesOf', { version })}
                  unitPriceLabel={unitPriceLabel ?? t('prices.editor.columns.unitPrice')}
                />
              ),
            }
          : null
      }
    />
  );
}

/** The ranges of a saved version, read-only, with the prices as money. */
function PriceRangesTable({
  ranges,
  currency,
  label,
  unitPriceLabel,
}: {
  ranges: PriceRange[];
  currency: string;
  label: string;
  unitPriceLabel: string;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const columns: ListColumn<PriceRange>[] = [
    {
      key: 'from',
      label: t('prices.editor.columns.from'),
      card: 'field',
      align: 'right',
      cell: (range) => formatNumber(range.from),
    },
    {
      key: 'to',
      label: t('prices.editor.columns.to'),
      card: 'field',
      align: 'right',
      cell: (range) => formatNumber(range.to),
    },
    {
      key: 'articleName',
      label: t('prices.editor.columns.articleName'),
      card: 'title',
      cell: (range) => range.articleName,
    },
    {
      key: 'articleNumber',
      label: t('prices.editor.columns.articleNumber'),
      card: 'field',
      cell: (range) => range.articleNumber,
    },
    {
      key: 'unitPrice',
      label: unitPriceLabel,
      card: 'field',
      align: 'right',
      noWrap: true,
      cell: (range) => formatMoney(range.unitPriceMinor, currency),
    },
  ];
  return (
    <ResponsiveList
      items={ranges}
      itemKey={(range) => String(range.from)}
      columns={columns}
      label={label}
      minWidth={0}
      tableProps={{ highlightOnHover: false, withTableBorder: true }}
    />
  );
}
