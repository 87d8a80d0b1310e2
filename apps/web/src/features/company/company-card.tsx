import { Card, DataList, Title } from '@mantine/core';
import type { PortalCompany } from '@vmsp/contracts';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AddressText } from '../../app/ui/address-text.tsx';

/** `Your company`: what the provider has on record for the customer. */
export function CompanyCard({ company }: { company: PortalCompany }) {
  const { t } = useTranslation();
  const titleId = useId();
  const rows: [label: string, value: ReactNode][] = [
    [t('portal.company.companyName'), company.companyName],
    [t('portal.company.contactName'), company.contactName],
    [t('portal.company.contactEmail'), company.contactEmail],
    [t('portal.company.serviceMode'), t(`customers.serviceMode.${company.serviceMode}`)],
    [t('portal.company.address'), <AddressText key="address" address={company.address} />],
    [t('portal.company.vatId'), company.vatId ?? t('common.noValue')],
  ];
  if (company.billingAddress) {
    rows.push([
      t('portal.company.billingAddress'),
      <AddressText key="billing" address={company.billingAddress} />,
    ]);
  }
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={3} mb="md" id={titleId}>
        {t('portal.company.title')}
      </Title>
      <DataList labelWidth="12rem">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Card>
  );
}
