import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official EN 16931 rules (CEN/TC 434's validation artefacts for CII), as the project's shared folder
 * ships them beside the repository: `../shared/einvoice/validate-cii FILE.xml|FILE.pdf…` prints each broken
 * rule and "N files, M broken rules", and exits 1 when a rule is broken. For tests: every invoice document
 * the tests produce must pass it. EINVOICE_VALIDATOR may point elsewhere.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');

/**
 * Where the validator is: EINVOICE_VALIDATOR, else the shared folder beside this checkout, else the machine's
 * shared folder (a clean clone elsewhere, as CI makes, has no shared folder beside it).
 */
export const EINVOICE_VALIDATOR =
  process.env.EINVOICE_VALIDATOR ??
  [path.join(repositoryRoot, '..', 'shared'), '/work/shared']
    .map((shared) => path.join(shared, 'einvoice', 'validate-cii'))
    .find((candidate) => existsSync(candidate)) ??
  path.join(repositoryRoot, '..', 'shared', 'einvoice', 'validate-cii');

/** Its first use installs Saxon and a Java runtime from Debian, which can take minutes. */
const FIRST_RUN_ALLOWANCE_MS = 15 * 60_000;

export interface ValidationRun {
  exitCode: number;
  output: string;
}

/** Runs the validator over absolute file paths (it changes directory while reading a PDF's attachment). */
export function validateEInvoices(files: string[]): Promise<ValidationRun> {
  if (!existsSync(EINVOICE_VALIDATOR)) {
    return Promise.reject(new Error(`The EN 16931 validator is not at ${EINVOICE_VALIDATOR}`));
  }
  const absolute = files.map((file) => path.resolve(file));
  return new Promise((resolve) => {
    execFile(
      EINVOICE_VALIDATOR,
      absolute,
      { timeout: FIRST_RUN_ALLOWANCE_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, output: `${stdout}${stderr}` });
      },
    );
  });
}
