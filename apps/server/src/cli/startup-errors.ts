import { createServer } from 'node:net';
import { CliError } from './io.ts';

/** How long the start waits for a PostgreSQL server that does not answer (see db/connection.ts). */
const CONNECT_TIMEOUT_SECONDS = 5;

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** The error codes of an error, its cause and (for a host with several addresses) each attempt. */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 3) return [];
  const e = err as ErrorLike;
  return [
    ...(typeof e.code === 'string' ? [e.code] : []),
    ...codesOf(e.cause, depth + 1),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((inner) => codesOf(inner, depth + 1)) : []),
  ];
}

const messageOf = (err: unknown) => String((err as ErrorLike | null)?.message ?? err);

/**
 * A database that cannot be reached or refuses the portal, as one line that names DATABASE_URL and what to
 * do; null for any other error (a bug, which keeps its stack). The URL's password is never printed.
 */
export function databaseStartError(url: string, err: unknown): CliError | null {
  let host = '?';
  let port = '5432';
  let database = '';
  try {
    const parsed = new URL(url);
    host = parsed.hostname || 'localhost';
    port = parsed.port || '5432';
    database = decodeURIComponent(parsed.pathname.slice(1));
  } catch {
    // config.ts has checked the scheme; an unparsable rest is reported by the driver's message below.
  }
  const at = `${host}:${port}`;
  const codes = codesOf(err);
  const message = messageOf(err);
  const line = (text: string) => new CliError(`DATABASE_URL: ${text}`);
  if (codes.includes('ECONNREFUSED'))
    return line(
      `cannot connect to ${at} (connection refused). Check that PostgreSQL runs and the URL is right.`,
    );
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))
    return line(`the host ${host} was not found. Check the host name in the URL.`);
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH'))
    return line(`cannot reach ${at} (no route to the host). Check the host in the URL and the network.`);
  if (/timeout/i.test(message))
    return line(
      `${at} did not answer within ${CONNECT_TIMEOUT_SECONDS} s. Check the host and port in the URL, and that no firewall drops the connection.`,
    );
  if (codes.includes('28P01') || codes.includes('28000'))
    return line(`${at} refused the user or password (${message}). Check the credentials in the URL.`);
  if (codes.includes('3D000'))
    return line(`the database "${database}" does not exist on ${at}. Create it, or correct the URL.`);
  if (codes.includes('ECONNRESET') || /terminated unexpectedly/i.test(message))
    return line(
      `${at} closed the connection at once. Check that PostgreSQL listens there and accepts this client (pg_hba.conf, SSL).`,
    );
  return null;
}

/** A port or host the portal cannot listen on, as one line that names the variable; null for other errors. */
export function listenError(host: string, port: number, err: unknown): CliError | null {
  const codes = codesOf(err);
  if (codes.includes('EADDRINUSE'))
    return new CliError(`PORT ${port} is in use by another process: stop it or set PORT to a free port.`);
  if (codes.includes('EACCES'))
    return new CliError(
      `PORT ${port} may not be opened by this user: set PORT to 1024 or above, or grant the right to bind it.`,
    );
  if (codes.includes('EADDRNOTAVAIL') || codes.includes('ENOTFOUND'))
    return new CliError(`HOST ${host} is not an address of this machine: set HOST to one of its addresses.`);
  return null;
}

/**
 * Checks that the portal can listen on HOST:PORT before the database is opened, so that a taken port is
 * reported at once and not after the (embedded) database has started. Port 0 (any free port) always can.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  }).catch((err: unknown) => {
    throw listenError(host, port, err) ?? err;
  });
}
