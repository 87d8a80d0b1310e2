import { useTranslation } from 'react-i18next';
import classes from './skip-link.module.css';

/** The id of the shell's `main`, where the skip link leads. */
export const MAIN_CONTENT_ID = 'main-content';

/**
 * The first thing Tab reaches on every page of the consoles: it jumps over the header and the menu to the page
 * itself. Hidden until it has the focus.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`}>
      {t('app.skipToContent')}
    </a>
  );
}
