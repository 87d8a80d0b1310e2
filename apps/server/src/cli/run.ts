import type { Config, Env } from '../config.ts';
import { CliError, type CliIo, processIo } from './io.ts';

/**
 * The `vmsp` command line. Each command imports what it needs when it runs, so `vmsp keys …` starts without
 * loading the portal, and every command can be run in-process by tests through `runCli`.
 */

const USAGE = `Usage: vmsp <command>

Commands:
  start                              migrate, then serve the portal (and run background jobs)
  migrate                            apply database migrations and exit
  admin create --email <e-mail>      create an administrator; prints a one-time link to choose the password
         [--password-stdin]          read the password from standard input instead (for automation)
  seed --demo                        fill an empty portal with a demo: six months of customers, changes and
                                     invoices (mail: log only); prints how to sign in
  seed --customers <n>               add n customers in bulk (benchmark data)
  month-end [--at <ISO instant>]     apply the subscription changes and price versions due by that instant
                                     (default now), as the portal's job does every minute, and print them
  stats rebuild                      count the dashboard's figures of every closed billing month again from
                                     the subscription history (the month end keeps them by itself)
  keys keypair                       print a new key pair for signing project keys
  keys issue --ips <n> --months <n> --purchase-price <amount> --currency <code> --key <private.jwk>
         [--valid-days <n>] [--key-id <id>]
                                     print a signed project key (keys needs no configuration or database)

Configuration comes from environment variables; see the README.`;

type Command = (config: Config, args: string[], io: CliIo) => Promise<void>;

/** The commands that need the configuration; `sub` is the word after the command (`admin create`). */
const commands: Record<string, (sub: string | undefined) => Promise<Command | null>> = {
  start: async () => {
    const { startPortal } = await import('./start.ts');
    return async (config, _args, io) => {
      await startPortal(config, io, { signals: true });
    };
  },
  migrate: async () => {
    const { openMigrated } = await import('./database.ts');
    return async (config, _args, io) => {
      await (await openMigrated(config)).close();
      io.out('Migrations applied.');
    };
  },
  admin: async (sub) => (sub === 'create' ? (await import('./admin.ts')).adminCreate : null),
  seed: async () => (await import('./seed.ts')).seedCommand,
  'month-end': async () => (await import('./month-end.ts')).monthEndCommand,
  stats: async (sub) => (sub === 'rebuild' ? (await import('./stats.ts')).statsRebuild : null),
};

/** One line for a problem the operator can fix; a stack only for what must be a bug. */
function describeError(err: unknown): string {
  const e = err as { name?: string; code?: unknown; message?: string; stack?: string };
  if (err instanceof CliError || e.name === 'ConfigError' || e.name === 'DataDirInUseError')
    return String(e.message);
  if (e.name === 'AppError') return `${String(e.code)}: ${e.message}`;
  if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) return String(e.message);
  return String(e.stack ?? err);
}

/**
 * Runs one `vmsp` command and returns its exit code: 0 done (`start`: serving), 1 failed, 2 unknown command.
 * `env` replaces process.env (tests).
 */
export async function runCli(argv: string[], io: CliIo = processIo, env?: Env): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    // The MSP side of project keys: runs anywhere the private key is, without the portal's configuration.
    if (command === 'keys')
      return await (await import('../modules/project-keys/keys-cli.ts')).keysCommand(argv.slice(1), io);
    const run = await commands[command]?.(sub);
    if (!run) {
      io.err(USAGE);
      return 2;
    }
    const { loadConfig } = await import('../config.ts');
    await run(loadConfig(env), command === 'admin' || command === 'stats' ? rest : argv.slice(1), io);
    return 0;
  } catch (err) {
    io.err(describeError(err));
    return 1;
  }
}
