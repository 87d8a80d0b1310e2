import { parseArgs } from 'node:util';
import { buildPortal } from '../app.ts';
import type { Config } from '../config.ts';
import { openMigrated } from './database.ts';
import { CliError, type CliIo } from './io.ts';

/** `vmsp admin create --email <e-mail> [--password-stdin]`. */
export async function adminCreate(config: Config, args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  if (!values.email) throw new CliError('admin create needs --email <e-mail>');
  const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : null;
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, { connection: db.connection, logger: false });
    try {
      const { admin, inviteUrl } = await portal.services.admins.createFromCli(
        values.email.trim().toLowerCase(),
        password,
      );
      io.out(
        inviteUrl
          ? `Administrator ${admin.email} created. Choose the password here (valid 7 days): ${inviteUrl}`
          : `Administrator ${admin.email} created.`,
      );
    } finally {
      await portal.app.close();
    }
  } finally {
    await db.close();
  }
}
