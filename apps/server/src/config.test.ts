import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vmsp-config-'));

describe('loadConfig', () => {
  it('defaults to PGlite in ./data, port 3000, Europe/Berlin, and generates a private APP_SECRET once', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      billingTimeZone: 'Europe/Berlin',
      publicUrl: 'http://localhost:3000',
    });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    const secretFile = path.join(dir, 'app-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(config.appSecret);
    expect(loadConfig({ DATA_DIR: dir }).appSecret).toBe(config.appSecret);
  });

  it('uses PostgreSQL for a postgres:// DATABASE_URL and then requires APP_SECRET', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/portal' })).toThrow(/APP_SECRET/);
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/portal',
      APP_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://portal.example/',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://db/portal' });
    expect(config.publicUrl).toBe('https://portal.example');
  });

  it('limits API requests per minute: 1200 per signed-in user, 300 per anonymous address, unless set', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).rateLimit).toEqual({
      signedInMax: 1200,
      anonymousMax: 300,
      windowSeconds: 60,
    });
    expect(
      loadConfig({
        DATA_DIR: tmp(),
        RATE_LIMIT_SIGNED_IN_MAX: '50',
        RATE_LIMIT_ANONYMOUS_MAX: '7',
        RATE_LIMIT_WINDOW_SECONDS: '10',
      }).rateLimit,
    ).toEqual({ signedInMax: 50, anonymousMax: 7, windowSeconds: 10 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL'],
    [{ BILLING_TIME_ZONE: 'Mars/Olympus' }, 'BILLING_TIME_ZONE'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET'],
    [{ RATE_LIMIT_SIGNED_IN_MAX: '0' }, 'RATE_LIMIT_SIGNED_IN_MAX'],
    [{ RATE_LIMIT_ANONYMOUS_MAX: 'many' }, 'RATE_LIMIT_ANONYMOUS_MAX'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '1.5' }, 'RATE_LIMIT_WINDOW_SECONDS'],
  ])('refuses %o with a message naming %s', (env, name) => {
    try {
      loadConfig({ DATA_DIR: tmp(), ...env });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(name);
    }
  });
});
