import { useEffect, useState } from 'react';

/**
 * For a dialog or drawer that its page unmounts when it closes (Mantine returns the focus only after its own
 * closing transition, which an unmounted dialog never runs): gives the focus back to what had it when the
 * dialog opened, e.g. the table row or button that opened it, so keyboard users keep their place.
 */
export function useReturnFocus(): void {
  // Read while rendering, before the dialog's focus trap moves the focus into it.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    [opener],
  );
}
