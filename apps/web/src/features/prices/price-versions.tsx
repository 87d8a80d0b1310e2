import { Button, Table, Text } from '@mantine/core';
import type { PriceRange, PriceVersion } from '@vmsp/contracts';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';

const COLUMNS = 7;

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

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label={label ?? t('prices.versions.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">{t('prices.versions.columns.version')}</Table.Th>
            <Table.Th>{t('prices.versions.columns.createdAt')}</Table.Th>
            <Table.Th>{t('prices.versions.columns.createdBy')}</Table.Th>
            <Table.Th>{t('prices.versions.columns.runningFrom')}</Table.Th>
            <Table.Th ta="right">{t('prices.versions.columns.ranges')}</Table.Th>
            <Table.Th>{t('prices.versions.columns.currency')}</Table.Th>
            <Table.Th>{t('prices.versions.columns.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map(({ version, createdAt, createdBy, runningFrom, ranges, currency }) => {
            const open = expanded.has(version);
            const rangesId = `price-version-${version}`;
            return (
              <Fragment key={version}>
                <Table.Tr>
                  <Table.Td ta="right">{version}</Table.Td>
                  <Table.Td>{formatDateTime(createdAt)}</Table.Td>
                  <Table.Td>{createdBy ?? t('common.noValue')}</Table.Td>
                  <Table.Td>{formatBillingDate(runningFrom)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(ranges.length)}</Table.Td>
                  <Table.Td>{currency}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t(open ? 'prices.versions.hideOf' : 'prices.versions.showOf', { version })}
                      aria-expanded={open}
                      aria-controls={open ? rangesId : undefined}
                      onClick={() => toggle(version)}
                    >
                      {open ? t('prices.versions.hide') : t('prices.versions.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={rangesId}>
                    <Table.Td colSpan={COLUMNS}>
                      <PriceRangesTable
                        ranges={ranges}
                        currency={currency}
                        label={t('prices.versions.rangesOf', { version })}
                        unitPriceLabel={unitPriceLabel ?? t('prices.editor.columns.unitPrice')}
                      />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
  return (
    <Table striped withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th ta="right">{t('prices.editor.columns.from')}</Table.Th>
          <Table.Th ta="right">{t('prices.editor.columns.to')}</Table.Th>
          <Table.Th>{t('prices.editor.columns.articleName')}</Table.Th>
          <Table.Th>{t('prices.editor.columns.articleNumber')}</Table.Th>
          <Table.Th ta="right">{unitPriceLabel}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ranges.map((range) => (
          <Table.Tr key={range.from}>
            <Table.Td ta="right">{formatNumber(range.from)}</Table.Td>
            <Table.Td ta="right">{formatNumber(range.to)}</Table.Td>
            <Table.Td>{range.articleName}</Table.Td>
            <Table.Td>{range.articleNumber}</Table.Td>
            <Table.Td ta="right">{formatMoney(range.unitPriceMinor, currency)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
