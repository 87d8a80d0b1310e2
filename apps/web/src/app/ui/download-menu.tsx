import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** One file the menu offers: a link the browser downloads, or a disabled entry saying why not yet. */
export interface DownloadItem {
  text: string;
  href: string;
  icon: ReactNode;
  /** Offered but not ready: shown disabled with this reason below its text. */
  unavailable?: string;
}

/**
 * A `Download`/`Export` button opening the files it offers (CSV, XLSX, PDF, ZIP …) as plain links, so that the
 * browser downloads them with the server's file name and the session cookie, and a keyboard reaches each.
 */
export function DownloadMenu({
  button,
  label,
  items,
}: {
  button: string;
  /** What the files hold (e.g. the month), above the entries. */
  label: string;
  items: DownloadItem[];
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {button}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{label}</Menu.Label>
        {items.map((item) =>
          item.unavailable === undefined ? (
            <Menu.Item key={item.href} component="a" href={item.href} download leftSection={item.icon}>
              {item.text}
            </Menu.Item>
          ) : (
            <Menu.Item key={item.href} disabled leftSection={item.icon}>
              {item.text}
              <Text size="xs" c="dimmed">
                {item.unavailable}
              </Text>
            </Menu.Item>
          ),
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
