import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const main = path.join(import.meta.dirname, 'main.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-cli-'));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  APP_SECRET: '',
};
delete (env as Record<string, string | undefined>).DATABASE_URL;
delete (env as Record<string, string | undefined>).APP_SECRET;

function run(args: string[], input?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], { env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    if (input !== undefined) child.stdin.end(input);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGTERM');
});

describe('vmsp CLI (embedded database)', () => {
  it('migrate applies the migrations and exits', async () => {
    const { code, out } = await run(['migrate']);
    expect(out).toContain('Migrations applied.');
    expect(code).toBe(0);
  });

  it('admin create --password-stdin creates an active admin; a weak password and a taken e-mail are refused', async () => {
    const weak = await run(
      ['admin', 'create', '--email', 'ops@provider.test', '--password-stdin'],
      'password123\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('WEAK_PASSWORD');
    const ok = await run(
      ['admin', 'create', '--email', 'ops@provider.test', '--password-stdin'],
      'violet tractor sings under 42 lanterns\n',
    );
    expect(ok.out).toContain('Administrator ops@provider.test created.');
    expect(ok.code).toBe(0);
    const again = await run(['admin', 'create', '--email', 'OPS@provider.test']);
    expect(again.out).toContain('EMAIL_TAKEN');
  });

  it('start serves the portal; a second start on the same data folder exits at once, naming the pid', async () => {
    const first = spawn(process.execPath, [main, 'start'], { env });
    running.push(first);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${out}`)), 60_000);
      first.stdout.on('data', (d) => {
        out += d;
        if (out.includes('vMSP Portal is running at')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const second = await run(['start']);
    expect(second.code).toBe(1);
    expect(second.out).toContain(`in use by another portal process (pid ${first.pid})`);
    first.kill('SIGTERM');
    expect(await new Promise((resolve) => first.once('exit', resolve))).toBe(0);
  }, 90_000);
});
