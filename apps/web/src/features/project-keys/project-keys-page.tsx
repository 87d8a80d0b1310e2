import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ProjectKeySigner } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { AddSignerForm } from './add-signer-form.tsx';
import { useProjectKeySigners } from './project-keys-api.ts';
import { RemoveSignerModal } from './remove-signer-modal.tsx';
import { SignersTable } from './signers-table.tsx';

/** Settings → Project Keys: the public keys of the upstream MSPs whose project keys are accepted. */
export default function ProjectKeysPage() {
  const { t } = useTranslation();
  const signers = useProjectKeySigners();
  const [removing, setRemoving] = useState<ProjectKeySigner | null>(null);
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('payments.projectKeys.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('payments.projectKeys.intro')}
      </Text>
      {signers.isPending && <PageLoader />}
      {signers.isError && <LoadError error={signers.error} onRetry={() => void signers.refetch()} />}
      {signers.data && <SignersTable signers={signers.data.signers} onRemove={setRemoving} />}
      <Paper withBorder p="lg">
        <AddSignerForm />
      </Paper>
      {removing && <RemoveSignerModal signer={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}
