import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts.ts';

const TYPING_PAUSE_MS = 300;

/** The search by recipient or subject: it applies after a pause in typing, and the X clears it. */
export function MailLogSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // The URL is the truth: Back, a link or `Clear search` elsewhere on the page change it.
  useEffect(() => setText(value), [value]);
  const apply = useDebouncedCallback(onChange, TYPING_PAUSE_MS);
  return (
    <TextInput
      label={t('mailLogSearch.label')}
      placeholder={t('mailLogSearch.placeholder')}
      type="search"
      w={320}
      maxLength={200}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        apply(event.currentTarget.value.trim());
      }}
      rightSection={
        text !== '' && (
          <CloseButton
            aria-label={t('mailLogSearch.clear')}
            onClick={() => {
              setText('');
              apply.cancel();
              onChange('');
            }}
          />
        )
      }
    />
  );
}
