import { Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';

/**
 * One key figure: its label, its value and a hint. With `to`, the whole card links to the list it counts (the
 * filters in the URL). The link is named by its own text (label, value, hint), so that a screen reader reads
 * what is shown and a voice user can say what they see.
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
  const content = (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
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
        <UnstyledButton component={Link} to={to} w="100%">
          {content}
        </UnstyledButton>
      ) : (
        content
      )}
    </Paper>
  );
}
