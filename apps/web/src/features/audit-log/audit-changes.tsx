import { Table, Text } from '@mantine/core';
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

/** What the action changed, field by field (old → new); unchanged fields are left out. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const format = useFormatValue();
  const fields: Record<string, string> = auditLogTexts[i18n.language === 'de' ? 'de' : 'en'].auditLog.fields;
  const changes = changedFields(entry.before, entry.after);
  if (!changes.length) return <Text size="sm">{t('auditLog.noChanges')}</Text>;
  return (
    <Table layout="fixed" withTableBorder style={{ overflowWrap: 'anywhere' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('auditLog.changes.field')}</Table.Th>
          <Table.Th>{t('auditLog.changes.before')}</Table.Th>
          <Table.Th>{t('auditLog.changes.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.path.join('.')}>
            <Table.Td>{change.path.map((key) => fields[key] ?? key).join(' › ')}</Table.Td>
            <Table.Td>
              <del>{format(change.before)}</del>
            </Table.Td>
            <Table.Td>
              <ins style={{ textDecoration: 'none' }}>{format(change.after)}</ins>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
