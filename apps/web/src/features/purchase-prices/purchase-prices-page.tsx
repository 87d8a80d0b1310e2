import { Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SavePriceTableRequest } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { TitledCard } from '../prices/price-table-cards.tsx';
import { PriceTableEditor, type PriceTableWording } from '../prices/price-table-editor.tsx';
import { PriceVersions } from '../prices/price-versions.tsx';
import { usePurchasePriceTable, useSavePurchasePriceTable } from './purchase-prices-api.ts';

function usePurchasePriceWording(): PriceTableWording {
  const { t } = useTranslation();
  return {
    noTable: t('purchasePrices.noTable'),
    unitPrice: t('purchasePrices.unitPrice'),
    unitPriceOf: (number) => t('purchasePrices.unitPriceOf', { number }),
    priceMissing: t('purchasePrices.priceMissing'),
    conflict: t('purchasePrices.conflict'),
    reload: t('purchasePrices.reload'),
  };
}

/**
 * Settings → Purchase Prices: what the provider pays its upstream MSP per IP and month, as a graduated table
 * with versions, edited with the sales table's editor and by its rules. The dashboard's purchase cost and
 * margins come from it; periods paid by a project key use the purchase price the key carries.
 */
export default function PurchasePricesPage() {
  const { t } = useTranslation();
  const wording = usePurchasePriceWording();
  const prices = usePurchasePriceTable();
  const save = useSavePurchasePriceTable();

  const submit = (request: SavePriceTableRequest) =>
    save.mutate(request, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'green',
          message: t('purchasePrices.saved', { version: saved.current?.version }),
        }),
    });
  const reload = () => {
    save.reset();
    void prices.refetch();
  };

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('purchasePrices.title')}</Title>
      <Text c="dimmed" size="sm" maw={800}>
        {t('purchasePrices.intro')}
      </Text>
      {prices.isPending && <PageLoader />}
      {prices.isError && <LoadError error={prices.error} onRetry={() => void prices.refetch()} />}
      {prices.data && (
        <>
          <TitledCard title={t('purchasePrices.editorTitle')} intro={t('purchasePrices.editorIntro')}>
            {/* A new version (saved here, or by someone else and reloaded) starts a fresh draft from it. */}
            <PriceTableEditor
              key={prices.data.current?.version ?? 'none'}
              current={prices.data.current}
              onSave={submit}
              saving={save.isPending}
              error={save.error}
              onReload={reload}
              wording={wording}
            />
          </TitledCard>
          <TitledCard title={t('prices.versions.title')}>
            <PriceVersions
              versions={prices.data.versions}
              label={t('purchasePrices.versionsLabel')}
              unitPriceLabel={wording.unitPrice}
            />
          </TitledCard>
        </>
      )}
    </Stack>
  );
}
