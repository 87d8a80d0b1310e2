import { ActionIcon, Menu } from '@mantine/core';
import {
  type Icon,
  IconArrowsExchange,
  IconChartPie,
  IconDots,
  IconInfoCircle,
  IconKey,
  IconMailForward,
  IconMapPin,
  IconTrash,
  IconUserStar,
} from '@tabler/icons-react';
import type { CustomerAction, CustomerRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';

const icons: Record<CustomerAction, Icon> = {
  'convert-to-managed': IconArrowsExchange,
  'ip-distribution': IconChartPie,
  'resend-invitation': IconMailForward,
  details: IconInfoCircle,
  'add-project-key': IconKey,
  'edit-address': IconMapPin,
  'change-main-user': IconUserStar,
  delete: IconTrash,
};

/**
 * The row's three-dots menu: exactly the actions the server lists for the row, as far as this
 * app can carry out (`available`).
 */
export function CustomerActionsMenu({
  customer,
  onAction,
  available,
}: {
  customer: CustomerRow;
  onAction: (action: CustomerAction, customer: CustomerRow) => void;
  available: ReadonlySet<CustomerAction>;
}) {
  const { t } = useTranslation();
  const actions = customer.actions.filter((action) => available.has(action));
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('customers.actionsFor', { company: customer.companyName })}
          disabled={actions.length === 0}
        >
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => {
          const ItemIcon = icons[action];
          return (
            <Menu.Item
              key={action}
              color={action === 'delete' ? 'red.9' : undefined}
              leftSection={<ItemIcon size={16} stroke={1.6} />}
              onClick={() => onAction(action, customer)}
            >
              {t(`customers.actions.${action}`)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
