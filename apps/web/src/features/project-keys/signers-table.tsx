import { Button, Text } from '@mantine/core';
import type { ProjectKeySigner } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';

export function SignersTable({
  signers,
  onRemove,
}: {
  signers: ProjectKeySigner[];
  onRemove: (signer: ProjectKeySigner) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const columns: ListColumn<ProjectKeySigner>[] = [
    {
      key: 'label',
      label: t('payments.projectKeys.columns.label'),
      card: 'title',
      cell: (signer) => (
        <Text size="sm" fw={500}>
          {signer.label}
        </Text>
      ),
    },
    {
      key: 'kid',
      label: t('payments.projectKeys.columns.kid'),
      card: 'field',
      cell: (signer) => (
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {signer.kid}
        </Text>
      ),
    },
    {
      key: 'createdAt',
      label: t('payments.projectKeys.columns.createdAt'),
      card: 'field',
      cell: (signer) => formatDateTime(signer.createdAt),
    },
    {
      key: 'createdBy',
      label: t('payments.projectKeys.columns.createdBy'),
      card: 'field',
      cell: (signer) => signer.createdBy ?? t('payments.projectKeys.system'),
    },
    {
      key: 'actions',
      label: t('payments.projectKeys.columns.actions'),
      card: 'actions',
      cell: (signer) => (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={t('payments.projectKeys.removeOf', { label: signer.label })}
          onClick={() => onRemove(signer)}
        >
          {t('payments.projectKeys.remove')}
        </Button>
      ),
    },
  ];
  return (
    <ResponsiveList
      items={signers}
      itemKey={(signer) => signer.kid}
      columns={columns}
      label={t('payments.projectKeys.listLabel')}
      minWidth={700}
      tableProps={{ highlightOnHover: false }}
      empty={
        <Text c="dimmed" py="md" ta="center">
          {t('payments.projectKeys.empty')}
        </Text>
      }
    />
  );
}
