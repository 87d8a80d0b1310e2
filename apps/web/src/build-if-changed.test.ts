import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBuiltFrom, recordBuild, sourcesHash } from '../scripts/build-if-changed.ts';

// `npm start` builds the web app only when this says the build is missing or made from other inputs.
let root: string;

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vmsp-web-inputs-'));
  write('apps/web/index.html', '<div id="root"></div>');
  write('apps/web/src/app/main.tsx', 'export {};');
  write('packages/contracts/src/index.ts', 'export const a = 1;');
  write('packages/domain/src/index.ts', 'export const b = 2;');
  write('package-lock.json', '{}');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A build as the script leaves it: the app's page and the stamp of the inputs it was made from. */
function build(): string {
  const hash = sourcesHash(root);
  write('apps/web/dist/index.html', '<html></html>');
  recordBuild(root, hash);
  return hash;
}

describe('whether the web app must be built', () => {
  it('not after a build from the same inputs, whatever the build or installed packages hold', () => {
    build();
    write('apps/web/dist/assets/index-Ab12.js', 'x');
    write('apps/web/node_modules/.vite/deps.json', '{}');
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(true);
  });

  it('when there is no build, or it has no stamp', () => {
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
    build();
    rmSync(path.join(root, 'apps/web/dist/.build-stamp'));
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
  });

  it('when the page is missing although the stamp is there', () => {
    build();
    rmSync(path.join(root, 'apps/web/dist/index.html'));
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
  });

  it.each([
    ['a web source', 'apps/web/src/app/main.tsx'],
    ['the page', 'apps/web/index.html'],
    ['the contracts', 'packages/contracts/src/index.ts'],
    ['the domain rules', 'packages/domain/src/index.ts'],
    ['the lockfile', 'package-lock.json'],
  ])('when %s changed', (_what, file) => {
    build();
    write(file, 'changed');
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
  });

  it('when a file was added or renamed', () => {
    build();
    write('apps/web/src/app/new-page.tsx', 'export {};');
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
    build();
    renameSync(
      path.join(root, 'apps/web/src/app/new-page.tsx'),
      path.join(root, 'apps/web/src/app/renamed.tsx'),
    );
    expect(isBuiltFrom(root, sourcesHash(root))).toBe(false);
  });
});
