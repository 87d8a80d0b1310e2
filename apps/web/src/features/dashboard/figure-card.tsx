import { Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';

/**
 * One key figure: its label, its value and a hint. With `to`, the whole card links to the list it counts (the
 * filters in the URL); the link's name is the label and the value, so that a screen reader reads both.
 */
export function FigureCard({
  label,
  value,
  hint,
  to,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  to?: string | undefined;
}) {
  const labelId = useId();
  const valueId = useId();
  const content = (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" id={labelId}>
        {label}
      </Text>
      <Text size="xl" fw={700} id={valueId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder p="md" radius="md">
      {to ? (
        <UnstyledButton component={Link} to={to} aria-labelledby={`${labelId} ${valueId}`} w="100%">
          {content}
        </UnstyledButton>
      ) : (
        content
      )}
    </Paper>
  );
}
