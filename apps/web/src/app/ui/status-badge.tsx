import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

// A Badge hides overflowing text, so a table would squeeze it to "FAIL…"; it keeps its full width instead.
const fullWidth = { minWidth: 'max-content' };

export function StatusBadge(props: BadgeProps & { children: ReactNode }) {
  return <Badge variant="light" style={fullWidth} {...props} />;
}
