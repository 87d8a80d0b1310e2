import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../format.ts';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** Show "1–25 of 1,234" instead of "1,234 entries". */
  showRange?: boolean;
  /** With both, a `Rows per page` choice. */
  pageSizes?: readonly number[];
  onPageSizeChange?: (pageSize: number) => void;
}

export function Pager({
  page,
  pageSize,
  total,
  onChange,
  showRange = false,
  pageSizes,
  onPageSizeChange,
}: PagerProps) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const pageSizeId = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pages);
  const controlLabels = {
    first: t('common.firstPage'),
    previous: t('common.previousPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  };
  const summary =
    showRange && total > 0
      ? t('common.range', {
          from: formatNumber((current - 1) * pageSize + 1),
          to: formatNumber(Math.min(current * pageSize, total)),
          total: formatNumber(total),
        })
      : t('common.totalCount', { count: total });
  return (
    <Group justify="space-between">
      <Group gap="lg">
        <Text size="sm" c="dimmed" aria-live="polite">
          {summary}
        </Text>
        {pageSizes && onPageSizeChange && (
          <Group gap="xs">
            <Text size="sm" c="dimmed" component="label" htmlFor={pageSizeId}>
              {t('common.pageSize')}
            </Text>
            <NativeSelect
              id={pageSizeId}
              size="xs"
              value={String(pageSize)}
              onChange={(event) => onPageSizeChange(Number(event.currentTarget.value))}
              data={[...new Set([...pageSizes, pageSize])]
                .sort((a, b) => a - b)
                .map((size) => ({ value: String(size), label: String(size) }))}
            />
          </Group>
        )}
      </Group>
      {/* No results have no pages: no page 1 to highlight. */}
      {total > 0 && (
        <Pagination
          component="nav"
          aria-label={t('common.pagination')}
          total={pages}
          value={current}
          onChange={onChange}
          withEdges
          getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
          getItemProps={(item) => ({ 'aria-label': t('common.pageNumber', { page: item }) })}
        />
      )}
    </Group>
  );
}
