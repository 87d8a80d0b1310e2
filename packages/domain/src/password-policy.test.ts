import { describe, expect, it } from 'vitest';
import { judgePassword } from './password-policy.ts';

describe('judgePassword', () => {
  it.each([
    ['short', 'Ab1!', 'too-short'],
    ['a common password', 'password123', 'too-weak'],
    ['a keyboard walk', 'qwertzuiop', 'too-weak'],
    ['a German word with a digit', 'Sonnenschein1', 'too-weak'],
  ])('rejects %s', (_name, password, reason) => {
    expect(judgePassword(password)).toMatchObject({ ok: false, reason });
  });

  it('rejects the user own e-mail as password', () => {
    expect(judgePassword('anna.schmidt@example.com', ['anna.schmidt@example.com']).ok).toBe(false);
  });

  it('accepts a long passphrase', () => {
    expect(judgePassword('correct horse battery staple')).toMatchObject({ ok: true, reason: null });
  });
});
