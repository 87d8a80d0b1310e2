import {
  Alert,
  Badge,
  Button,
  DataList,
  Divider,
  Drawer,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { AddressText } from '../../app/ui/address-text.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import { useReturnFocus } from '../../app/ui/use-return-focus.ts';
import { CustomerInvoicesSection } from '../invoices/customer-invoices-section.tsx';
import { SubscriptionHistory } from '../subscriptions/subscription-history.tsx';
import { AccountLockForm } from './account-lock-form.tsx';
import { CancelSubscription } from './cancel-subscription.tsx';
import { CardBillingState, ProjectKeysTable } from './customer-payments.tsx';
import { CustomerStatusLabel } from './customer-status.tsx';
import { useCustomer, useUndoDelete } from './customers-api.ts';

const userStatusColors = { invited: 'blue', active: 'green', disabled: 'gray' } as const;

/**
 * `Details`: the customer's data, all its subscriptions with `Cancel Active Subscription`, its users,
 * and the `Account locked` switch; while marked for deletion, when it is purged and `Undo deletion`.
 */
export function CustomerDetailsDrawer({
  customer,
  onClose,
}: {
  /** The name is the title until the details have loaded. */
  customer: Pick<CustomerRow, 'id' | 'companyName'>;
  onClose: () => void;
}) {
  useReturnFocus();
  const details = useCustomer(customer.id);
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={details.data?.companyName ?? customer.companyName}
      styles={{ title: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700 } }}
    >
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <DetailsView details={details.data} />}
    </Drawer>
  );
}

function DetailsView({ details }: { details: CustomerDetails }) {
  const { t } = useTranslation();
  const id = useId();
  const formatDateTime = useFormatDateTime();
  return (
    <Stack gap="lg">
      <DeletionNotice details={details} />
      <section aria-labelledby={`${id}-customer`}>
        <Title order={3} size="h4" mb="sm" id={`${id}-customer`}>
          {t('customers.details.customer')}
        </Title>
        <DataList labelWidth="11rem">
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.contactName')}</DataList.ItemLabel>
            <DataList.ItemValue>{details.contactName}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.contactEmail')}</DataList.ItemLabel>
            <DataList.ItemValue>{details.contactEmail}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.serviceMode')}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`customers.serviceMode.${details.serviceMode}`)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.status')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <CustomerStatusLabel status={details.status} />
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.vatId')}</DataList.ItemLabel>
            <DataList.ItemValue>{details.vatId ?? t('common.noValue')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('address.invoiceEmail')}</DataList.ItemLabel>
            <DataList.ItemValue>{details.invoiceEmail ?? t('address.invoiceEmailNone')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.createdAt')}</DataList.ItemLabel>
            <DataList.ItemValue>{formatDateTime(details.createdAt)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('customers.details.registeredAt')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {details.registeredAt === null
                ? t('customers.details.notRegistered')
                : formatDateTime(details.registeredAt)}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </section>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <section aria-labelledby={`${id}-address`}>
          <Title order={3} size="h4" mb="xs" id={`${id}-address`}>
            {t('customers.details.companyAddress')}
          </Title>
          <AddressText address={details.address} />
        </section>
        <section aria-labelledby={`${id}-billing`}>
          <Title order={3} size="h4" mb="xs" id={`${id}-billing`}>
            {t('customers.details.billingAddress')}
          </Title>
          {details.billingAddress ? (
            <AddressText address={details.billingAddress} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('customers.details.sameAsCompany')}
            </Text>
          )}
        </section>
      </SimpleGrid>

      <section aria-labelledby={`${id}-subscriptions`}>
        <Title order={3} size="h4" mb="xs" id={`${id}-subscriptions`}>
          {t('subscriptions.history.title')}
        </Title>
        <Stack gap="sm">
          <SubscriptionHistory overview={details.subscriptions} />
          <CancelSubscription details={details} />
        </Stack>
      </section>

      {(details.serviceMode === 'managed' || details.projectKeys.length > 0) && (
        <section aria-labelledby={`${id}-project-keys`}>
          <Title order={3} size="h4" mb="xs" id={`${id}-project-keys`}>
            {t('payments.details.projectKeys')}
          </Title>
          <ProjectKeysTable keys={details.projectKeys} labelledBy={`${id}-project-keys`} />
        </section>
      )}

      {details.cardBilling && (
        <section aria-labelledby={`${id}-card`}>
          <Title order={3} size="h4" mb="xs" id={`${id}-card`}>
            {t('payments.details.cardBilling')}
          </Title>
          <CardBillingState card={details.cardBilling} />
        </section>
      )}

      <CustomerInvoicesSection customerId={details.id} />

      <section aria-labelledby={`${id}-users`}>
        <Title order={3} size="h4" mb="xs" id={`${id}-users`}>
          {t('customers.details.users')}
        </Title>
        <Table striped aria-labelledby={`${id}-users`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.details.userEmail')}</Table.Th>
              <Table.Th>{t('customers.details.userStatus')}</Table.Th>
              <Table.Th>{t('customers.details.userRole')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {details.users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>
                  <StatusBadge color={userStatusColors[user.status]}>
                    {t(`customers.details.userStatusValues.${user.status}`)}
                  </StatusBadge>
                </Table.Td>
                <Table.Td>
                  {user.isMainUser ? (
                    <Badge variant="outline" color="violet" style={{ minWidth: 'max-content' }}>
                      {t('customers.details.mainUser')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('customers.details.teamMember')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <Divider />

      <section aria-labelledby={`${id}-account`}>
        <Title order={3} size="h4" mb="sm" id={`${id}-account`}>
          {t('customers.details.account')}
        </Title>
        <AccountLockForm details={details} />
      </section>
    </Stack>
  );
}

/**
 * While the customer is marked for deletion (`purgeAt` is set, also when a lock shows as its status): when the
 * purge runs, and `Undo deletion` until then. It stays mounted when the mark goes, so that the undo's outcome
 * is still reported.
 */
function DeletionNotice({ details }: { details: CustomerDetails }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const undo = useUndoDelete();
  if (details.purgeAt === null) return null;
  const undoDeletion = () =>
    undo.mutate(
      { id: details.id, version: details.version },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'green',
            message: t('deletion.undone', { company: saved.companyName }),
          }),
      },
    );
  return (
    <Alert color="orange" icon={<IconTrash />} role="status">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('deletion.notice', { at: formatDateTime(details.purgeAt) })}</Text>
        {undo.isError && (
          <Text size="sm" c="red" role="alert">
            <IconAlertTriangle size={14} aria-hidden />{' '}
            {isApiError(undo.error, 'CONFLICT') ? t('customers.conflict') : message(undo.error)}
          </Text>
        )}
        <Button variant="white" color="orange" loading={undo.isPending} onClick={undoDeletion}>
          {t('deletion.undo')}
        </Button>
      </Stack>
    </Alert>
  );
}
