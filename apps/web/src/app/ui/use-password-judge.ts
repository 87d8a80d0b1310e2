import { useEffect, useState } from 'react';

type PasswordRule = typeof import('./password-rule.ts');

export interface PasswordJudge {
  judgePassword: PasswordRule['judgePassword'];
  minLength: number;
}

/**
 * The password rule the server enforces, loaded on demand: its dictionaries are large, so a password
 * form (setup, invitation) shows at once and the strength meter joins when they have arrived.
 */
export function usePasswordJudge(): PasswordJudge | null {
  const [judge, setJudge] = useState<PasswordJudge | null>(null);
  useEffect(() => {
    let active = true;
    import('./password-rule.ts').then(
      (rule) => {
        if (active) setJudge({ judgePassword: rule.judgePassword, minLength: rule.MIN_PASSWORD_LENGTH });
      },
      (error: unknown) => console.error('The password rule could not be loaded', error),
    );
    return () => {
      active = false;
    };
  }, []);
  return judge;
}
