import { type MantineColorScheme, Menu, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const choices: MantineColorScheme[] = ['light', 'dark', 'auto'];

/**
 * The user menu's Light, Dark and System (the device's setting, the default) as one group of radio items
 * (`menuitemradio`, the chosen one checked). Mantine remembers the choice (main.tsx's colorSchemeManager).
 */
export function ColorSchemeItems() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <Menu.Label>{t('colorScheme.label')}</Menu.Label>
      <Menu.RadioGroup value={colorScheme} onChange={(value) => setColorScheme(value as MantineColorScheme)}>
        {choices.map((value) => (
          <Menu.RadioItem key={value} value={value}>
            {t(`colorScheme.${value}`)}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </>
  );
}
