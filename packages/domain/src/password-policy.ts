import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import * as en from '@zxcvbn-ts/language-en';

/**
 * The portal's password rule, shared by the server (which enforces it) and the web app (which shows
 * it while the user types): at least 10 characters and a zxcvbn score of 3 or more ("safely
 * unguessable"), judged against common passwords, English and German words, and the user's own data.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...de.dictionary },
  });
  return factory;
}

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (guessable) … 4 (very strong) */
  score: number;
  /** Why it was rejected, as a stable key the UI translates: too-short | too-weak */
  reason: 'too-short' | 'too-weak' | null;
}

export function judgePassword(password: string, userInputs: string[] = []): PasswordVerdict {
  const score = zxcvbn().check(password.slice(0, 256), userInputs).score;
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, score, reason: 'too-short' };
  if (score < MIN_PASSWORD_SCORE) return { ok: false, score, reason: 'too-weak' };
  return { ok: true, score, reason: null };
}
