import { Button, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@vmsp/contracts';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { AuditChanges } from './audit-changes.tsx';

const COLUMNS = 5;

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={800}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('auditLog.columns.at')}</Table.Th>
            <Table.Th>{t('auditLog.columns.actor')}</Table.Th>
            <Table.Th>{t('auditLog.columns.action')}</Table.Th>
            <Table.Th>{t('auditLog.columns.object')}</Table.Th>
            <Table.Th>{t('auditLog.columns.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={COLUMNS}>
                <Text c="dimmed">{t('auditLog.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const detailsId = `audit-changes-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>{entry.actorEmail ?? t('auditLog.system')}</Table.Td>
                  <Table.Td>{entry.action}</Table.Td>
                  <Table.Td>
                    {entry.objectType}
                    {entry.objectId !== null && (
                      <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                        {entry.objectId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      onClick={() => toggle(entry.id)}
                    >
                      {open ? t('auditLog.hideChanges') : t('auditLog.showChanges')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMNS}>
                      <AuditChanges entry={entry} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
