import { Alert, Anchor, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow, PriceVersion } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useReturnFocus } from '../../app/ui/use-return-focus.ts';
import { usePriceTable } from '../prices/prices-api.ts';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';
import { IpDistributionForm } from '../subscriptions/ip-distribution-form.tsx';
import { useCustomer, useDistributeIps } from './customers-api.ts';

/** Where the admin saves the price table. */
const priceTablePath = '/admin/self-service';

/**
 * `IP Distribution` (R-3.4, seed §3.2.2, §3.2.5): changes, schedules or starts the customer's subscription,
 * priced with the newest price table. It works on the customer's details (current subscription, pending
 * change, version), which are loaded again after a conflict.
 */
export function IpDistributionModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  useReturnFocus();
  const { t } = useTranslation();
  const details = useCustomer(customer.id);
  const prices = usePriceTable();
  const failed = details.isError ? details : prices.isError ? prices : null;
  return (
    <Modal opened onClose={onClose} title={t('subscriptions.dialog.title')} size="xl">
      <Text size="sm" c="dimmed" mb="md">
        {details.data?.companyName ?? customer.companyName}
      </Text>
      {failed && <LoadError error={failed.error} onRetry={() => void failed.refetch()} />}
      {!failed && (details.isPending || prices.isPending) && <PageLoader />}
      {prices.data?.current === null && (
        <Alert color="orange" icon={<IconAlertTriangle />} role="alert">
          {t('errors.PRICE_TABLE_MISSING')}{' '}
          <Anchor component={Link} to={priceTablePath} size="sm">
            {t('subscriptions.dialog.toPriceTable')}
          </Anchor>
        </Alert>
      )}
      {details.data && prices.data?.current && (
        <IpDistributionDialogForm details={details.data} priceTable={prices.data.current} onClose={onClose} />
      )}
    </Modal>
  );
}

function IpDistributionDialogForm({
  details,
  priceTable,
  onClose,
}: {
  details: CustomerDetails;
  priceTable: PriceVersion;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const formatBillingDate = useFormatBillingDate();
  const distribute = useDistributeIps();
  return (
    <IpDistributionForm
      // New details (after a conflict) start the form again from what is stored now.
      key={details.version}
      current={details.subscriptions.current}
      pending={details.subscriptions.pending}
      priceTable={priceTable}
      busy={distribute.isPending}
      error={distribute.error}
      onCancel={onClose}
      onSubmit={(change) =>
        distribute.mutate(
          { id: details.id, ...change, version: details.version },
          {
            onSuccess: (result) => {
              const company = result.customer.companyName;
              notifications.show({
                color: 'green',
                message: result.applied
                  ? t('subscriptions.saved.appliedFor', { company })
                  : t('subscriptions.saved.scheduledFor', {
                      company,
                      date: formatBillingDate(result.effectiveAt),
                    }),
              });
              onClose();
            },
          },
        )
      }
    />
  );
}
