import { Button, Table, Text } from '@mantine/core';
import type { ProjectKeySigner } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';

export function SignersTable({
  signers,
  onRemove,
}: {
  signers: ProjectKeySigner[];
  onRemove: (signer: ProjectKeySigner) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label={t('payments.projectKeys.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('payments.projectKeys.columns.label')}</Table.Th>
            <Table.Th>{t('payments.projectKeys.columns.kid')}</Table.Th>
            <Table.Th>{t('payments.projectKeys.columns.createdAt')}</Table.Th>
            <Table.Th>{t('payments.projectKeys.columns.createdBy')}</Table.Th>
            <Table.Th>{t('payments.projectKeys.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {signers.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" py="md" ta="center">
                  {t('payments.projectKeys.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {signers.map((signer) => (
            <Table.Tr key={signer.kid}>
              <Table.Td fw={500}>{signer.label}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {signer.kid}
                </Text>
              </Table.Td>
              <Table.Td>{formatDateTime(signer.createdAt)}</Table.Td>
              <Table.Td>{signer.createdBy ?? t('payments.projectKeys.system')}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('payments.projectKeys.removeOf', { label: signer.label })}
                  onClick={() => onRemove(signer)}
                >
                  {t('payments.projectKeys.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
