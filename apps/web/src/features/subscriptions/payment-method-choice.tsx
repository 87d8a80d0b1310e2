import { Radio, Stack, Text } from '@mantine/core';
import type { PaidMethod, PortalSubscription } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The methods a customer chooses between in the portal; a project key comes only from the provider. */
export type PortalMethod = Extract<PaidMethod, 'invoice' | 'credit-card'>;

const portalMethods: readonly PortalMethod[] = ['invoice', 'credit-card'];

/** The active methods this customer may choose, in a fixed order. */
export function choosableMethods(subscription: PortalSubscription): PortalMethod[] {
  return portalMethods.filter((method) => subscription.paymentMethods.includes(method));
}

/** The running subscription's method when it can still be chosen, else Invoice, else the first offered. */
export function initialMethod(subscription: PortalSubscription): PortalMethod | null {
  const methods = choosableMethods(subscription);
  const running = subscription.subscriptions.current?.paymentMethod;
  return (
    methods.find((method) => method === running) ?? methods.find((m) => m === 'invoice') ?? methods[0] ?? null
  );
}

/** `Payment Method`: Invoice or Credit Card, as far as the provider offers them. */
export function PaymentMethodChoice({
  methods,
  value,
  onChange,
  redirects,
}: {
  methods: PortalMethod[];
  value: PortalMethod;
  onChange: (method: PortalMethod) => void;
  /** `Save` goes on to Stripe Checkout: the note says so. */
  redirects: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap="xs">
      {/* One offered method is no choice: it is named, not offered as a lone radio button. */}
      {methods.length === 1 ? (
        <Stack gap={4} role="group" aria-labelledby={labelId}>
          <Text size="sm" fw={500} id={labelId}>
            {t('payments.portal.paymentMethod')}
          </Text>
          <Text>{t(`customers.paymentMethod.${value}`)}</Text>
        </Stack>
      ) : (
        <Radio.Group
          label={t('payments.portal.paymentMethod')}
          value={value}
          onChange={(next) => {
            const method = methods.find((m) => m === next);
            if (method) onChange(method);
          }}
        >
          <Stack gap="xs" mt="xs">
            {methods.map((method) => (
              <Radio key={method} value={method} label={t(`customers.paymentMethod.${method}`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {redirects && (
        <Text size="sm" c="dimmed">
          {t('payments.portal.cardHint')}
        </Text>
      )}
    </Stack>
  );
}
