import { readFileSync } from 'node:fs';

/** Where a command writes and reads: the process's own streams, or a test's buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (for `--password-stdin`). */
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  readStdin: async () => readFileSync(0, 'utf8'),
};

/** A mistake or a problem the operator can fix: printed as one line, without a stack trace; exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}
