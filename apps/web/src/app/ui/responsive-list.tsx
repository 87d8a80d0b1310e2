import {
  Box,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  Fragment,
  type HTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useId,
} from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a list: a table column from `sm` up, a field of the item's card below it. */
export interface ListColumn<T> {
  key: string;
  label: string;
  cell: (item: T) => ReactNode;
  align?: 'right';
  /** Keeps dates and amounts on one line. */
  noWrap?: boolean;
  /** The table's header cell, when it is more than the label (e.g. a sortable header). */
  th?: ReactNode;
  /** The list can be sorted by it: the cards offer it in a `Sort by` select (the table's header sorts). */
  sortable?: boolean;
  /**
   * Its place on the card: `title` heads it, `actions` sit beside the title, `field` is labelled below it,
   * `footer` closes it (a row of buttons too wide to sit beside the title), `table` leaves it off the card
   * (a detail the card's actions lead to).
   */
  card: 'title' | 'actions' | 'field' | 'footer' | 'table';
}

/** Whether the screen is narrower than Mantine's `sm`, read at once (no table flashes before the cards). */
export function useIsPhone(): boolean {
  const theme = useMantineTheme();
  return useMediaQuery(`(max-width: calc(${theme.breakpoints.sm} - 0.0625rem))`, undefined, {
    getInitialValueInEffect: false,
  });
}

/** The order a list is shown in, and how to change it. */
export interface ListSort {
  key: string;
  dir: 'asc' | 'desc';
  onChange: (key: string, dir: 'asc' | 'desc') => void;
}

const noWrap = { whiteSpace: 'nowrap' } as const;

/** The controls inside a row or card that keep their clicks: menus' buttons, checkboxes, links and inputs. */
const ITEM_CONTROLS = 'button, a, input, select, textarea, label, [role="menuitem"], [role="checkbox"]';

/**
 * Whether a click on a row or card is its own: not on one of its controls, not in something a control opened in
 * a portal (a menu's items are outside the item in the page, but React passes their clicks through it), and not
 * the end of selecting text to copy.
 */
function isItemClick(event: MouseEvent<HTMLElement>): boolean {
  const target = event.target;
  if (!(target instanceof Element) || !event.currentTarget.contains(target)) return false;
  const control = target.closest(ITEM_CONTROLS);
  if (control && event.currentTarget.contains(control)) return false;
  return !window.getSelection()?.toString();
}

/** What makes a row or card open its item: a click on it, or Enter or Space while it has the focus. */
function openProps(open: () => void) {
  return {
    tabIndex: 0,
    style: { cursor: 'pointer' },
    onClick: (event: MouseEvent<HTMLElement>) => {
      if (isItemClick(event)) open();
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      // Keys typed in the item's controls (a menu's button) are theirs.
      if (event.target !== event.currentTarget) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    },
  };
}

/**
 * A list that is a table on wide screens and a stack of cards on phones, where a table would scroll sideways
 * and hide its columns and actions. Only one of them is rendered, so each text is on the page once.
 */
export function ResponsiveList<T>({
  items,
  itemKey,
  columns,
  label,
  labelledBy,
  empty,
  minWidth,
  rowProps,
  tableProps,
  detail,
  sort,
  onOpen,
  canOpen,
}: {
  items: T[];
  itemKey: (item: T) => string;
  columns: ListColumn<T>[];
  /** The order shown, and how the cards' select changes it. */
  sort?: ListSort;
  /** The table's and the card list's accessible name, or the id of the heading that names them. */
  label?: string;
  labelledBy?: string;
  /** Shown instead of the items when there are none. */
  empty?: ReactNode;
  /** Below this width the table scrolls sideways (between `sm` and a width that fits all columns). */
  minWidth: number;
  rowProps?: (item: T) => HTMLAttributes<HTMLTableRowElement>;
  tableProps?: Record<string, unknown>;
  /** What an item shows below it when opened (null while closed): a row across the table, the card's end. */
  detail?: (item: T) => { id: string; content: ReactNode } | null;
  /**
   * Opens an item (its details): a click or tap on its row or card outside their controls, or Enter or Space
   * while the row or card has the focus.
   */
  onOpen?: ((item: T) => void) | undefined;
  /** Which items open; all of them when left out. */
  canOpen?: ((item: T) => boolean) | undefined;
}) {
  const phone = useIsPhone();
  const opener = (item: T) => (onOpen && (canOpen?.(item) ?? true) ? () => onOpen(item) : undefined);
  const name = { 'aria-label': label, 'aria-labelledby': labelledBy };
  if (phone)
    return (
      <Stack gap="xs">
        {sort && <SortSelect columns={columns} sort={sort} />}
        <CardList
          items={items}
          itemKey={itemKey}
          columns={columns}
          name={name}
          empty={empty}
          detail={detail}
          opener={opener}
        />
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover {...name} {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {columns.map(
              (column) =>
                column.th ?? (
                  <Table.Th key={column.key} ta={column.align}>
                    {column.label}
                  </Table.Th>
                ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && empty !== undefined && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {items.map((item) => {
            const opened = detail?.(item);
            const open = opener(item);
            return (
              <Fragment key={itemKey(item)}>
                <Table.Tr {...(open ? openProps(open) : {})} {...rowProps?.(item)}>
                  {columns.map((column) => (
                    <Table.Td key={column.key} ta={column.align} style={column.noWrap ? noWrap : undefined}>
                      {column.cell(item)}
                    </Table.Td>
                  ))}
                </Table.Tr>
                {opened && (
                  <Table.Tr id={opened.id}>
                    <Table.Td colSpan={columns.length}>{opened.content}</Table.Td>
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

/** The cards' order: each sortable column up and down, as the table's headers offer it. */
function SortSelect<T>({ columns, sort }: { columns: ListColumn<T>[]; sort: ListSort }) {
  const { t } = useTranslation();
  const data = columns
    .filter((column) => column.sortable)
    .flatMap((column) => [
      { value: `${column.key}:asc`, label: t('common.sortAscending', { column: column.label }) },
      { value: `${column.key}:desc`, label: t('common.sortDescending', { column: column.label }) },
    ]);
  return (
    <NativeSelect
      label={t('common.sortBy')}
      data={data}
      value={`${sort.key}:${sort.dir}`}
      onChange={(event) => {
        const [key = '', dir] = event.currentTarget.value.split(':');
        sort.onChange(key, dir === 'desc' ? 'desc' : 'asc');
      }}
    />
  );
}

function CardList<T>({
  items,
  itemKey,
  columns,
  name,
  empty,
  detail,
  opener,
}: {
  items: T[];
  itemKey: (item: T) => string;
  columns: ListColumn<T>[];
  name: { 'aria-label': string | undefined; 'aria-labelledby': string | undefined };
  empty?: ReactNode;
  detail?: ((item: T) => { id: string; content: ReactNode } | null) | undefined;
  opener: (item: T) => (() => void) | undefined;
}) {
  const id = useId();
  if (items.length === 0) return <Box py="xs">{empty}</Box>;
  const title = columns.filter((column) => column.card === 'title');
  const actions = columns.filter((column) => column.card === 'actions');
  const fields = columns.filter((column) => column.card === 'field');
  const footer = columns.filter((column) => column.card === 'footer');
  return (
    <Stack component="ul" {...name} gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => {
        const opened = detail?.(item);
        const open = opener(item);
        const titleId = `${id}-${itemKey(item)}-title`;
        return (
          <Paper
            component="li"
            withBorder
            p="sm"
            key={itemKey(item)}
            data-testid="list-card"
            // A card that opens is named by its title, so the focus on it says which item Enter opens.
            {...(open ? { ...openProps(open), 'aria-labelledby': titleId } : {})}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Box id={titleId} miw={0} style={{ overflowWrap: 'anywhere' }}>
                {title.map((column) => (
                  <Box key={column.key}>{column.cell(item)}</Box>
                ))}
              </Box>
              {actions.map((column) => (
                <Box key={column.key} style={{ flexShrink: 0 }}>
                  {column.cell(item)}
                </Box>
              ))}
            </Group>
            {fields.length > 0 && (
              <SimpleGrid component="dl" cols={2} spacing="xs" verticalSpacing={6} mt="xs" mb={0}>
                {fields.map((column) => (
                  <Box key={column.key} miw={0} style={{ overflowWrap: 'anywhere' }}>
                    <Text component="dt" size="xs" c="dimmed">
                      {column.label}
                    </Text>
                    <Text component="dd" size="sm" m={0}>
                      {column.cell(item)}
                    </Text>
                  </Box>
                ))}
              </SimpleGrid>
            )}
            {footer.map((column) => (
              <Box key={column.key} mt="xs">
                {column.cell(item)}
              </Box>
            ))}
            {opened && (
              <Box id={opened.id} mt="xs">
                {opened.content}
              </Box>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
