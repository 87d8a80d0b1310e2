import { Button, FileButton, Group, Image, Input, Paper, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { CompanySettings } from '@vmsp/contracts';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts.ts';

const LOGO_TYPES = ['image/png', 'image/jpeg'];
/** The page promises 300 kB; the contract's limit is on the data URL, a third longer than the file (base64). */
const LOGO_MAX_BYTES = 300_000;
const LOGO_MAX_DATA_URL = CompanySettings.shape.logoDataUrl.unwrap().maxLength ?? 400_000;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(reader.error));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

type Problem = { key: 'logoWrongType' | 'logoUnreadable' } | { key: 'logoTooLarge'; size: number };

/** The optional logo: a PNG or JPEG kept as a data URL, with its preview, a way to replace and to remove it. */
export function LogoField({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (dataUrl: string | null) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<Problem | null>(null);

  const choose = async (file: File | null) => {
    if (file === null) return;
    if (!LOGO_TYPES.includes(file.type)) return setProblem({ key: 'logoWrongType' });
    const tooLarge = { key: 'logoTooLarge', size: Math.ceil(file.size / 1000) } as const;
    if (file.size > LOGO_MAX_BYTES) return setProblem(tooLarge);
    try {
      const dataUrl = await readAsDataUrl(file);
      if (dataUrl.length > LOGO_MAX_DATA_URL) return setProblem(tooLarge);
      setProblem(null);
      onChange(dataUrl);
    } catch {
      setProblem({ key: 'logoUnreadable' });
    }
  };
  const shownError = problem ? t(`companySettings.${problem.key}`, problem) : error;

  return (
    <Input.Wrapper
      labelElement="div"
      label={t('companySettings.fields.logoDataUrl')}
      description={t('companySettings.logoHint')}
      error={shownError}
      id={id}
      descriptionProps={{ id: `${id}-description` }}
      errorProps={{ id: `${id}-error`, role: 'alert' }}
    >
      <Group mt="xs" align="center">
        <Paper withBorder p="xs" miw={160} mih={80} display="flex" style={{ alignItems: 'center' }}>
          {value === null ? (
            <Text size="sm" c="dimmed" maw={220}>
              {t('companySettings.logoNone')}
            </Text>
          ) : (
            <Image src={value} alt={t('companySettings.logoPreview')} h={64} w="auto" fit="contain" />
          )}
        </Paper>
        <FileButton onChange={(file) => void choose(file)} accept={LOGO_TYPES.join(',')}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconPhotoUp size={16} />}
              aria-describedby={shownError ? `${id}-description ${id}-error` : `${id}-description`}
            >
              {value === null ? t('companySettings.logoChoose') : t('companySettings.logoReplace')}
            </Button>
          )}
        </FileButton>
        {value !== null && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => {
              setProblem(null);
              onChange(null);
            }}
          >
            {t('companySettings.logoRemove')}
          </Button>
        )}
      </Group>
    </Input.Wrapper>
  );
}
