import type { AddressInfo } from 'node:net';
import type { Portal } from '../app.ts';
import type { Config } from '../config.ts';
import type { CliIo } from './io.ts';
import { assertCanListen, listenError } from './startup-errors.ts';

export interface RunningPortal {
  /** The port it listens on (the chosen one when PORT is 0). */
  port: number;
  stop(): Promise<void>;
}

/**
 * `vmsp start`: migrate, then serve the portal and run the background jobs. Problems an operator can fix (a
 * taken port, an unreachable database, a data folder in use) end the start within seconds as one line.
 * With `signals`, SIGINT and SIGTERM stop the portal and end the process.
 */
export async function startPortal(
  config: Config,
  io: CliIo,
  options: { signals?: boolean } = {},
): Promise<RunningPortal> {
  // Before the database: a taken port is told at once, not after the embedded database has started.
  await assertCanListen(config.host, config.port);
  // Each part is loaded once the check before it passed, so that a problem is told without waiting for the rest.
  const { openMigrated } = await import('./database.ts');
  const db = await openMigrated(config);
  let portal: Portal | undefined;
  try {
    const { buildPortal } = await import('../app.ts');
    portal = await buildPortal(config, { connection: db.connection });
    await portal.startJobs();
    await portal.app.listen({ port: config.port, host: config.host }).catch((err: unknown) => {
      // Taken between the check and now.
      throw listenError(config.host, config.port, err) ?? err;
    });
  } catch (err) {
    await portal?.close().catch(() => {});
    await db.close();
    throw err;
  }
  const running = portal;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= running.close().then(() => db.close());
    return stopped;
  };
  if (options.signals) {
    const onSignal = (signal: string) => {
      running.app.log.info({ signal }, 'stopping');
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const mode = config.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  io.out(`vMSP Portal is running at ${config.publicUrl} (${mode})`);
  const setupUrl = await running.services.admins.firstAdminSetupUrl();
  if (setupUrl)
    io.out(`No administrator exists yet. Create the first one here (link valid 24 hours): ${setupUrl}`);
  return { port: (running.app.server.address() as AddressInfo).port, stop };
}
