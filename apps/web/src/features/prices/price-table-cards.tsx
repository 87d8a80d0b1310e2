import { Card, Center, Loader, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SavePriceTableRequest } from '@vmsp/contracts';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PriceTableEditor } from './price-table-editor.tsx';
import { PriceVersions } from './price-versions.tsx';
import { usePriceTable, useSavePriceTable } from './prices-api.ts';

/** A card with a heading that names the section for screen readers. */
export function TitledCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={3} id={titleId} mb={intro ? 4 : 'md'}>
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mb="md">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** The price table and its saved versions, both from one request. */
export function PriceTableCards() {
  const { t } = useTranslation();
  const prices = usePriceTable();
  const save = useSavePriceTable();

  if (prices.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (prices.isError) return <LoadError error={prices.error} onRetry={() => void prices.refetch()} />;

  const { current, versions } = prices.data;
  const submit = (request: SavePriceTableRequest) =>
    save.mutate(request, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'green',
          message: t('prices.editor.saved', { version: saved.current?.version }),
        }),
    });
  const reload = () => {
    save.reset();
    void prices.refetch();
  };

  return (
    <>
      <TitledCard title={t('prices.editor.title')} intro={t('prices.editor.intro')}>
        {/* A new version (saved here, or by someone else and reloaded) starts a fresh draft from it. */}
        <PriceTableEditor
          key={current?.version ?? 'none'}
          current={current}
          onSave={submit}
          saving={save.isPending}
          error={save.error}
          onReload={reload}
        />
      </TitledCard>
      <TitledCard title={t('prices.versions.title')}>
        <PriceVersions versions={versions} />
      </TitledCard>
    </>
  );
}
