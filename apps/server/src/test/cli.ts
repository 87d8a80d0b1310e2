import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CliIo } from '../cli/io.ts';

/** A CliIo that keeps what a command prints, for tests that run commands in-process. */
export function bufferedIo(stdin = ''): CliIo & { stdout(): string; stderr(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(`${text}\n`),
    err: (text) => err.push(`${text}\n`),
    readStdin: async () => stdin,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

export const MAIN = path.join(import.meta.dirname, '../main.ts');

/**
 * Runs `vmsp …` as its own process (the smoke tests of the entry point) and resolves when it exits. It waits
 * as long as it takes: only a hang should fail a test, never a slow machine.
 */
export function spawnVmsp(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The process's environment without the variables a test wants unset. */
export function envWithout(...names: string[]): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}
