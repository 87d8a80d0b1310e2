import { Group, Text, ThemeIcon } from '@mantine/core';
import {
  type Icon,
  IconCircleCheck,
  IconCircleMinus,
  IconLock,
  IconMailForward,
  IconTrash,
} from '@tabler/icons-react';
import type { CustomerStatus } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';

/** One icon and color per status, always with its name: the icon alone would not say enough. */
const looks: Record<CustomerStatus, { icon: Icon; color: string }> = {
  invited: { icon: IconMailForward, color: 'blue' },
  active: { icon: IconCircleCheck, color: 'green' },
  inactive: { icon: IconCircleMinus, color: 'gray' },
  locked: { icon: IconLock, color: 'red' },
  deleting: { icon: IconTrash, color: 'orange' },
};

export function CustomerStatusLabel({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  const { icon: StatusIcon, color } = looks[status];
  return (
    <Group gap={6} wrap="nowrap" data-status={status}>
      <ThemeIcon variant="light" color={color} size="sm" radius="xl" aria-hidden>
        <StatusIcon size={14} stroke={1.8} />
      </ThemeIcon>
      <Text size="sm">{t(`customers.status.${status}`)}</Text>
    </Group>
  );
}
