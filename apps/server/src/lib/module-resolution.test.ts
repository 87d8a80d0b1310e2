import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(import.meta.dirname, '../..');

/**
 * Loads the whole portal (the database with its migrations, and app.ts) in a fresh Node, with or without the resolution
 * shortcut, and lists every module it loaded with the format Node loaded it as.
 */
const LIST_LOADED = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    loaded.push(url + ' ' + result.format);
    return result;
  },
});
await import('./src/cli/database.ts');
await import('./src/app.ts');
process.stdout.write(JSON.stringify([...new Set(loaded.filter((line) => !line.startsWith('node:')))].sort()));
`;

function loadedModules(withShortcut: boolean): Promise<string[]> {
  const args = [
    ...(withShortcut ? ['--import', './src/lib/module-resolution.ts'] : []),
    '--input-type=module',
    '-e',
    LIST_LOADED,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe('the resolution shortcut for installed packages', () => {
  // Two Node processes that load the portal: minutes on a busy single core, seconds otherwise.
  it('loads exactly the modules Node loads by itself, each in the same format', {
    timeout: 300_000,
  }, async () => {
    const [own, shortcut] = [await loadedModules(false), await loadedModules(true)];
    expect(own.length).toBeGreaterThan(500);
    expect(own.some((line) => line.includes('/node_modules/drizzle-orm/pg-core/'))).toBe(true);
    expect(shortcut).toEqual(own);
  });
});
