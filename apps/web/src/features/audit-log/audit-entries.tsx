import { Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AuditEntry } from '@vmsp/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBillingTimeZone } from '../subscriptions/subscriptions-api.ts';
import { AuditChanges } from './audit-changes.tsx';
import { EntrySentence } from './entry-sentence.tsx';
import './texts.ts';

/** Date and time in the billing time zone, the calendar the date filter's days belong to. */
function useFormatInstant(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = useBillingTimeZone();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone,
    });
    return (iso) => format.format(new Date(iso));
  }, [i18n.language, timeZone]);
}

/** The entries as a list of sentences, newest first; each one's changes open below it. A list, not a table, so
 * that it reads the same on a phone. */
export function AuditEntries({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (!entries.length) return <Text>{t('auditLog.empty')}</Text>;
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('auditLog.title')}>
      {entries.map((entry) => {
        const open = expanded.has(entry.id);
        const detailsId = `audit-changes-${entry.id}`;
        const hasChanges = entry.before !== null || entry.after !== null;
        return (
          <Paper component="li" withBorder p="sm" key={entry.id} data-testid="audit-entry">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Box style={{ flex: '1 1 20rem', minWidth: 0, overflowWrap: 'anywhere' }}>
                <Text size="sm" component="time" dateTime={entry.at} display="block">
                  {formatInstant(entry.at)}
                </Text>
                <EntrySentence entry={entry} />
              </Box>
              {hasChanges && (
                <Button
                  size="xs"
                  variant="subtle"
                  aria-expanded={open}
                  aria-controls={open ? detailsId : undefined}
                  onClick={() => toggle(entry.id)}
                >
                  {open ? t('auditLog.hideChanges') : t('auditLog.showChanges')}
                </Button>
              )}
            </Group>
            {open && (
              <Box id={detailsId} mt="sm">
                <AuditChanges entry={entry} />
              </Box>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
