import { Button, Card, DataList, Group, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { PortalCompany } from '@vmsp/contracts';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddressText } from '../../app/ui/address-text.tsx';
import { EditCompanyModal } from './edit-company-modal.tsx';

/**
 * `Your company`: what the provider has on record for the customer. Self-service customers edit their address
 * and VAT-ID here; a managed customer's provider keeps them, which the card says.
 */
export function CompanyCard({ company }: { company: PortalCompany }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const selfService = company.serviceMode === 'self-service';
  const rows: [label: string, value: ReactNode][] = [
    [t('portal.company.companyName'), company.companyName],
    [t('portal.company.contactName'), company.contactName],
    [t('portal.company.contactEmail'), company.contactEmail],
    [t('portal.company.serviceMode'), t(`customers.serviceMode.${company.serviceMode}`)],
    [t('portal.company.address'), <AddressText key="address" address={company.address} />],
    [t('portal.company.vatId'), company.vatId ?? t('common.noValue')],
    [t('address.invoiceEmail'), company.invoiceEmail ?? t('address.invoiceEmailNone')],
  ];
  if (company.billingAddress) {
    rows.push([
      t('portal.company.billingAddress'),
      <AddressText key="billing" address={company.billingAddress} />,
    ]);
  }
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="md">
        <Title order={3} id={titleId}>
          {t('portal.company.title')}
        </Title>
        {selfService && (
          <Button
            variant="light"
            leftSection={<IconPencil size={16} />}
            aria-label={t('deletion.company.editCompany')}
            onClick={() => setEditing(true)}
          >
            {t('deletion.company.edit')}
          </Button>
        )}
      </Group>
      <DataList labelWidth="12rem">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {!selfService && (
        <Text size="sm" c="dimmed" mt="md">
          {t('deletion.company.managedNote')}
        </Text>
      )}
      {editing && <EditCompanyModal company={company} onClose={() => setEditing(false)} />}
    </Card>
  );
}
