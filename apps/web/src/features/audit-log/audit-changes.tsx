import { Code, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AuditEntry } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Code block>{value === null ? t('common.noValue') : JSON.stringify(value, null, 2)}</Code>
    </Stack>
  );
}

/** The recorded state of the object before and after the action. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <JsonBlock label={t('auditLog.before')} value={entry.before} />
      <JsonBlock label={t('auditLog.after')} value={entry.after} />
    </SimpleGrid>
  );
}
