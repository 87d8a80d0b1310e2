import { Stack, Text, VisuallyHidden } from '@mantine/core';
import type { AuditEntry } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { changedFields } from './audit-diff.ts';
import { auditLogTexts } from './texts.ts';

/** A value as a reader takes it in: empty as a dash, yes/no, text as it is, lists and objects as compact JSON. */
function useFormatValue() {
  const { t } = useTranslation();
  return (value: unknown): string => {
    if (value === undefined || value === null || value === '') return t('common.noValue');
    if (typeof value === 'boolean') return value ? t('auditLog.yes') : t('auditLog.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
}

/** What the action changed, field by field (old → new, on any width); unchanged fields are left out. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const format = useFormatValue();
  const fields: Record<string, string> = auditLogTexts[i18n.language === 'de' ? 'de' : 'en'].auditLog.fields;
  const changes = changedFields(entry.before, entry.after);
  if (!changes.length) return <Text size="sm">{t('auditLog.noChanges')}</Text>;
  return (
    <Stack component="dl" gap={6} m={0} style={{ overflowWrap: 'break-word' }}>
      {changes.map((change) => (
        <div key={change.path.join('.')}>
          <Text component="dt" size="sm" fw={600}>
            {change.path.map((key) => fields[key] ?? key).join(' › ')}
          </Text>
          <Text component="dd" size="sm" m={0}>
            <VisuallyHidden>{t('auditLog.changes.before')} </VisuallyHidden>
            <del>{format(change.before)}</del>
            <span aria-hidden> → </span>
            <VisuallyHidden> {t('auditLog.changes.after')} </VisuallyHidden>
            <ins style={{ textDecoration: 'none', fontWeight: 600 }}>{format(change.after)}</ins>
          </Text>
        </div>
      ))}
    </Stack>
  );
}
