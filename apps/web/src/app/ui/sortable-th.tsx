import { Group, Table, type TableThProps, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';

/**
 * A column header that sorts its table: a button with the column's name (clicking it again flips the
 * direction) and `aria-sort` on the header of the sorted column.
 */
export function SortableTh({
  children,
  direction,
  onSort,
  align,
  ...props
}: TableThProps & {
  children: ReactNode;
  /** The direction when the table is sorted by this column, else null. */
  direction: SortDirection | null;
  onSort: () => void;
  align?: 'left' | 'right';
}) {
  const Icon =
    direction === null ? IconArrowsSort : direction === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th
      aria-sort={direction === null ? undefined : direction === 'asc' ? 'ascending' : 'descending'}
      {...props}
    >
      <UnstyledButton onClick={onSort} fw={700} fz="sm" w="100%">
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{children}</span>
          <Icon size={14} stroke={1.8} aria-hidden opacity={direction === null ? 0.4 : 1} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
