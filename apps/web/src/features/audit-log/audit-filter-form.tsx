import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { knownObjectTypes } from './audit-log-api.ts';

interface AuditFilterValues {
  objectType: string;
  objectId: string;
}

export function AuditFilterForm({
  value,
  onApply,
}: {
  value: AuditFilterValues;
  onApply: (filter: AuditFilterValues) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: value });
  const reset = () => {
    form.setValues({ objectType: '', objectId: '' });
    onApply({ objectType: '', objectId: '' });
  };
  return (
    <form onSubmit={form.onSubmit(onApply)}>
      <Group align="flex-end">
        {/* A native datalist: suggestions that still allow any text. */}
        <TextInput
          label={t('auditLog.objectType')}
          list="audit-object-types"
          autoComplete="off"
          {...form.getInputProps('objectType')}
        />
        <datalist id="audit-object-types">
          {knownObjectTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <TextInput label={t('auditLog.objectId')} miw={280} {...form.getInputProps('objectId')} />
        <Button type="submit">{t('common.apply')}</Button>
        <Button variant="default" onClick={reset}>
          {t('common.reset')}
        </Button>
      </Group>
    </form>
  );
}
