/**
 * Builds the web app only when what goes into it changed since the last build, or when there is no build:
 * `npm start` calls it, so that a start without changes does not spend 15 seconds on an identical build.
 * The inputs (the web app's files, the contracts and domain packages it imports, the lockfile) are hashed;
 * the hash of the last successful build is kept in `dist/.build-stamp`.
 *
 * Usage: node apps/web/scripts/build-if-changed.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const distDir = (root: string) => path.join(root, 'apps/web/dist');
const stampFile = (root: string) => path.join(distDir(root), '.build-stamp');

/** Folders and files whose content decides the build's output, relative to the repository. */
const INPUTS = [
  'apps/web',
  'packages/contracts/src',
  'packages/contracts/package.json',
  'packages/domain/src',
  'packages/domain/package.json',
  'package-lock.json',
  'tsconfig.base.json',
];
const SKIPPED = new Set(['node_modules', 'dist', '.vite']);

/** The input's files (itself when it is a file), relative to the repository. */
function filesOf(root: string, input: string): string[] {
  const full = path.join(root, input);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [input];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).some((part) => SKIPPED.has(part)));
}

/** One hash over the names and contents of every input file, in a fixed order. */
export function sourcesHash(root: string): string {
  const files = INPUTS.flatMap((input) => filesOf(root, input)).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when there is a build and it was made from inputs with this hash. */
export function isBuiltFrom(root: string, hash: string): boolean {
  if (!existsSync(path.join(distDir(root), 'index.html')) || !existsSync(stampFile(root))) return false;
  return readFileSync(stampFile(root), 'utf8').trim() === hash;
}

export function recordBuild(root: string, hash: string): void {
  writeFileSync(stampFile(root), `${hash}\n`);
}

function main(): void {
  const force = process.argv.includes('--force');
  const started = performance.now();
  const hash = sourcesHash(repoRoot);
  if (!force && isBuiltFrom(repoRoot, hash)) {
    console.log(
      `Web app unchanged since its last build (checked in ${Math.round(performance.now() - started)} ms).`,
    );
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--workspace', '@vmsp/web'], {
    cwd: repoRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.exitCode = build.status ?? 1;
    return;
  }
  recordBuild(repoRoot, hash);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
