import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli/run.ts';
import { bufferedIo, envWithout, MAIN } from './test/cli.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-cli-'));
// The embedded database in a folder of its own; no PostgreSQL, no secret: what a first `npm start` has.
const env = { ...envWithout('DATABASE_URL', 'APP_SECRET'), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };

/** `vmsp …` in this process, as main.ts runs it; the exit code and what it printed. */
async function vmsp(
  args: string[],
  options: { stdin?: string; env?: Record<string, string | undefined> } = {},
) {
  const io = bufferedIo(options.stdin);
  const code = await runCli(args, io, options.env ?? env);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

/** A TCP server on a free port of 127.0.0.1 that accepts connections and never says a word. */
async function silentServer() {
  const server = createServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

// Each test opens the embedded database from its folder; the limit only catches a hang, on however busy a machine.
describe('vmsp CLI (embedded database)', { timeout: 120_000 }, () => {
  it('prints the usage for help and for an unknown command', async () => {
    expect(await vmsp(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('month-end') });
    expect(await vmsp(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  });

  it('migrate applies the migrations and exits', async () => {
    const { code, stdout } = await vmsp(['migrate']);
    expect(stdout).toContain('Migrations applied.');
    expect(code).toBe(0);
  });

  it('admin create --password-stdin creates an active admin; a weak password and a taken e-mail are refused', async () => {
    const args = ['admin', 'create', '--email', 'ops@provider.test', '--password-stdin'];
    const weak = await vmsp(args, { stdin: 'password123\n' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('WEAK_PASSWORD');
    const ok = await vmsp(args, { stdin: 'violet tractor sings under 42 lanterns\n' });
    expect(ok.stdout).toContain('Administrator ops@provider.test created.');
    expect(ok.code).toBe(0);
    const again = await vmsp(['admin', 'create', '--email', 'OPS@provider.test']);
    expect(again.stderr).toContain('EMAIL_TAKEN');
    expect(again.code).toBe(1);
    const unknown = await vmsp(['admin', 'create', '--mail', 'x@provider.test']);
    expect(unknown.stderr).toBe("Unknown option '--mail'\n");
    expect(unknown.code).toBe(1);
  });

  it('start serves the portal; a second start on the same data folder exits at once, naming the pid', async () => {
    // The one start as a process of its own: the entry point, its output and its exit on SIGTERM.
    const first = spawn(process.execPath, [MAIN, 'start'], { env });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        first.stdout.on('data', (d) => {
          out += d;
          if (out.includes('vMSP Portal is running at')) resolve();
        });
        first.once('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
      });
      const second = await vmsp(['start']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by another portal process (pid ${first.pid})`);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      first.kill('SIGKILL');
    }
  });
});

describe('start-up errors: one line that names the variable, no stack', () => {
  it('a port in use is told before the database is opened', async () => {
    const port = await silentServer();
    const folder = mkdtempSync(path.join(tmpdir(), 'vmsp-port-'));
    const { code, stdout, stderr } = await vmsp(['start'], {
      env: { ...env, DATA_DIR: folder, HOST: '127.0.0.1', PORT: String(port) },
    });
    expect(stderr).toBe(`PORT ${port} is in use by another process: stop it or set PORT to a free port.\n`);
    expect(stdout).toBe('');
    expect(code).toBe(1);
    expect(existsSync(path.join(folder, 'pglite'))).toBe(false);
  });

  const postgresEnv = (url: string) => ({
    ...env,
    DATABASE_URL: url,
    APP_SECRET: 'cli-test-secret-cli-test-secret-cli-test-0000',
  });

  it('a PostgreSQL server that refuses the connection', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const { code, stderr } = await vmsp(['start'], {
      env: postgresEnv(`postgres://vmsp:pw@127.0.0.1:${port}/vmsp`),
    });
    expect(stderr).toBe(
      `DATABASE_URL: cannot connect to 127.0.0.1:${port} (connection refused). Check that PostgreSQL runs and the URL is right.\n`,
    );
    expect(code).toBe(1);
  });

  it('a PostgreSQL server that never answers: given up after the connection timeout', async () => {
    const port = await silentServer();
    const { code, stderr } = await vmsp(['migrate'], {
      env: postgresEnv(`postgres://vmsp:pw@127.0.0.1:${port}/vmsp`),
    });
    expect(stderr).toBe(
      `DATABASE_URL: 127.0.0.1:${port} did not answer within 5 s. Check the host and port in the URL, and that no firewall drops the connection.\n`,
    );
    expect(code).toBe(1);
  });

  it('a host name that does not resolve', async () => {
    const { code, stderr } = await vmsp(['migrate'], {
      env: postgresEnv('postgres://vmsp:pw@no-such-host.invalid/vmsp'),
    });
    expect(stderr).toBe(
      'DATABASE_URL: the host no-such-host.invalid was not found. Check the host name in the URL.\n',
    );
    expect(code).toBe(1);
  });
});
