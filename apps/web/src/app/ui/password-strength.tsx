import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PasswordJudge } from './use-password-judge.ts';

const colors = ['red', 'red', 'orange', 'teal', 'green'] as const;
const levels = ['0', '1', '2', '3', '4'] as const;

/** A live meter of the same verdict the server gives (`judgePassword`), judged against the user's e-mail. */
export function PasswordStrength({
  judge,
  password,
  userInputs,
}: {
  judge: PasswordJudge;
  password: string;
  userInputs: string[];
}) {
  const { t } = useTranslation();
  if (password === '') return null;
  const verdict = judge.judgePassword(password, userInputs);
  const level = levels[verdict.score] ?? '0';
  const hint =
    verdict.reason === 'too-short'
      ? t('passwordStrength.tooShort', { count: judge.minLength })
      : verdict.reason === 'too-weak'
        ? t('passwordStrength.tooWeak')
        : t('passwordStrength.ok');
  return (
    <Stack gap={4} aria-live="polite">
      <Progress
        value={((verdict.score + 1) / levels.length) * 100}
        color={verdict.ok ? 'green' : (colors[verdict.score] ?? 'red')}
        size="sm"
        aria-label={t('passwordStrength.label')}
      />
      <Text size="sm" c={verdict.ok ? 'green.8' : 'red.8'}>
        {t('passwordStrength.label')}: {t(`passwordStrength.levels.${level}`)}. {hint}
      </Text>
    </Stack>
  );
}
