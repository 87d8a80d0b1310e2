import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PasswordField } from './password-field.tsx';
import { PasswordStrength } from './password-strength.tsx';
import { usePasswordJudge } from './use-password-judge.ts';

/**
 * Choosing a new password: `Password`, the live strength meter (the server's own rule, judged against
 * `userInputs` such as the e-mail), and `Confirm password`.
 */
export function NewPasswordFields({
  password,
  confirmation,
  userInputs,
}: {
  password: GetInputPropsReturnType;
  confirmation: GetInputPropsReturnType;
  userInputs: string[];
}) {
  const { t } = useTranslation();
  const judge = usePasswordJudge();
  const value = typeof password.value === 'string' ? password.value : '';
  return (
    <>
      <PasswordField label={t('newPassword.password')} autoComplete="new-password" {...password} />
      {judge && <PasswordStrength judge={judge} password={value} userInputs={userInputs} />}
      <PasswordField label={t('newPassword.confirmation')} autoComplete="new-password" {...confirmation} />
    </>
  );
}
