import { type CSSVariablesResolver, createTheme, darken, luminance, type MantineTheme } from '@mantine/core';
import { i18n } from './i18n/index.ts';
import classes from './theme.module.css';

// Every dialog's and drawer's "X" is named in the reader's language. The default props are a function so that
// the name is looked up when a dialog is drawn, after a change of language too. A dialog can still name its
// own (e.g. "Close the details"). (`Modal.extend` types default props as an object only; Mantine's useProps
// calls a function given here with the theme.)
const closeButtonProps = () => ({ closeButtonProps: { 'aria-label': i18n.t('common.close') } });

export const theme = createTheme({
  primaryColor: 'blue',
  // Filled buttons, links and light buttons' text in shade 6 (e.g. #228be6) reach 3.5:1 on white; shade 8 ≥ 4.5:1.
  primaryShade: 8,
  defaultRadius: 'sm',
  // Readers who ask their system for less motion get dialogs, menus and popovers without transitions.
  respectReducedMotion: true,
  components: {
    Modal: { defaultProps: closeButtonProps },
    Drawer: { defaultProps: closeButtonProps },
    // A loader's aria-label names it only with a role: it says "Loading…" as a status.
    Loader: { defaultProps: { role: 'status' } },
    // Every input (text, number, select) shows a focus ring; see theme.module.css.
    Input: { classNames: { input: classes.input } },
    // Menus open with the focus on their first item, not on an unnamed focusable placeholder inside the
    // `menu` (which only items may contain).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/** WCAG's contrast of white text on `background`. */
const contrastWithWhite = (background: string) => 1.05 / (luminance(background) + 0.05);

/**
 * Coloured text must reach WCAG AA's 4.5:1, and much of it is small (badges, statuses, hints). Mantine's own
 * shades do not for green, orange, yellow and teal, even at 9 (green 9 is 4.4:1 on white, less on its light
 * badge background). Coloured text, light badges' and alerts' text and outlines take the colour's shade 9
 * darkened by 30 %, which keeps ≥ 4.5:1 on white and on the colour's light background; so do filled
 * backgrounds under white text where shade 8 is too light.
 */
function readableColours(theme: MantineTheme): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    if (name === 'dark' || name === 'gray') continue;
    const readable = darken(shades[9], 0.3);
    variables[`--mantine-color-${name}-text`] = readable;
    variables[`--mantine-color-${name}-light-color`] = readable;
    variables[`--mantine-color-${name}-outline`] = readable;
    // Filled buttons and badges carry white text: the colours whose shade 8 is too light for it (orange,
    // green, teal, yellow, …) are filled with the readable shade instead.
    if (contrastWithWhite(shades[8]) < 4.5) {
      variables[`--mantine-color-${name}-filled`] = readable;
      variables[`--mantine-color-${name}-filled-hover`] = darken(readable, 0.15);
    }
  }
  return variables;
}

/**
 * Dimmed text (hints, descriptions, secondary cells) is small too: Mantine's grey (#868e96) is 3.3:1 on white;
 * this grey keeps ≥ 4.5:1 on white and on the tables' striped and hovered rows. Error texts likewise: red 6
 * is 3.3:1, red 9 5.4:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    ...readableColours(theme),
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  // In dark, Mantine's dimmed (dark 2, #828282) is 4.0:1 on the dark body; this grey keeps ≥ 4.5:1 on it and
  // on the tables' striped and hovered rows.
  dark: {
    '--mantine-color-dimmed': '#adadad',
  },
});
