import { type MantineColorScheme, Menu, useMantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const choices: { value: MantineColorScheme; Icon: typeof IconSun }[] = [
  { value: 'light', Icon: IconSun },
  { value: 'dark', Icon: IconMoon },
  { value: 'auto', Icon: IconDeviceDesktop },
];

/**
 * The user menu's Light, Dark and System (the device's setting, the default) as one group of checked items.
 * Mantine remembers the choice (main.tsx's colorSchemeManager).
 */
export function ColorSchemeItems() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <Menu.Label>{t('colorScheme.label')}</Menu.Label>
      {choices.map(({ value, Icon }) => (
        <Menu.Item
          key={value}
          // Mantine gives every item role="menuitem", which may not be checked: the root takes the radio role.
          renderRoot={(props) => <button type="button" {...props} role="menuitemradio" />}
          aria-checked={colorScheme === value}
          leftSection={<Icon size={16} />}
          rightSection={colorScheme === value ? <IconCheck size={14} /> : null}
          onClick={() => setColorScheme(value)}
        >
          {t(`colorScheme.${value}`)}
        </Menu.Item>
      ))}
    </>
  );
}
