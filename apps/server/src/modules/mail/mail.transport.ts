import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { LoadedAttachment } from './mail-attachments.ts';
import type { DeliverySettings } from './mail-settings.ts';

export const NOT_CONFIGURED_MESSAGE = 'No mail server is configured. Set one up in Settings → Mail Server.';

/**
 * Each step's bound (DNS, TCP connect, the server's greeting, and any silence of the socket after that):
 * long enough for a slow server, short enough that a dead host does not hold a worker or a request.
 */
const TIMEOUT_MS = 10_000;

/**
 * The bound of one whole delivery: a server that answers each command just before the socket timeout
 * could otherwise hold a worker indefinitely. The job's expiry is set just above it (mail.jobs.ts).
 */
export const DELIVERY_DEADLINE_MS = 3 * TIMEOUT_MS;

/** SMTP connections one instance keeps open at most; the delivery job works off as many mails at once. */
export const SMTP_POOL_CONNECTIONS = 4;

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: readonly LoadedAttachment[];
}

type SmtpSettings = Extract<DeliverySettings, { transport: 'smtp' }>;

export function smtpTransportOptions(settings: SmtpSettings): SMTPTransport.Options {
  return {
    host: settings.host,
    port: settings.port,
    // tls: TLS from the first byte (usually port 465); starttls: plain, then upgraded, and refused without
    // the upgrade so credentials never cross in clear; none: plain, even if the server offers STARTTLS.
    secure: settings.encryption === 'tls',
    requireTLS: settings.encryption === 'starttls',
    ignoreTLS: settings.encryption === 'none',
    ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
  };
}

function envelopeOf(settings: SmtpSettings, mail: OutgoingMail) {
  return {
    from: settings.from.name
      ? { name: settings.from.name, address: settings.from.address }
      : settings.from.address,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      // A view of the same bytes, not a copy: nodemailer base64-encodes it as it writes the message.
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  };
}

/**
 * Delivers the outbox's mails over a small pool of SMTP connections, kept while the settings stay the
 * same: a connection carries many mails, instead of a TCP and SMTP handshake (and login) for each.
 * Settings read at delivery time that differ from the pool's (a corrected password, another server)
 * replace the pool. Idle connections end after the socket timeout.
 */
export class PooledMailTransport {
  #pool: { key: string; transporter: Transporter<SMTPPool.SentMessageInfo> } | null = null;

  async transmit(settings: DeliverySettings, mail: OutgoingMail): Promise<{ logOnly: boolean }> {
    if (settings.transport === 'none') throw new Error(NOT_CONFIGURED_MESSAGE);
    if (settings.transport === 'log') return { logOnly: true };
    const transporter = this.#transporterFor(settings);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A connection stuck past the deadline is dropped with its pool; the next mail opens a fresh one.
        this.#drop(transporter);
        reject(
          new Error(`The mail server did not complete the delivery within ${DELIVERY_DEADLINE_MS / 1000} s`),
        );
      }, DELIVERY_DEADLINE_MS);
    });
    try {
      await Promise.race([transporter.sendMail(envelopeOf(settings, mail)), deadline]);
    } finally {
      clearTimeout(timer);
    }
    return { logOnly: false };
  }

  #transporterFor(settings: SmtpSettings): Transporter<SMTPPool.SentMessageInfo> {
    const options = smtpTransportOptions(settings);
    const key = JSON.stringify([options, settings.from]);
    if (this.#pool?.key === key) return this.#pool.transporter;
    if (this.#pool) this.#drop(this.#pool.transporter);
    const transporter = nodemailer.createTransport({
      ...options,
      pool: true,
      maxConnections: SMTP_POOL_CONNECTIONS,
      getSocket: openWithoutDelay,
    } satisfies SMTPPool.Options);
    this.#pool = { key, transporter };
    return transporter;
  }

  #drop(transporter: Transporter<SMTPPool.SentMessageInfo>): void {
    if (this.#pool?.transporter === transporter) this.#pool = null;
    transporter.close();
  }
}

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. With it on, the end of each message waits
 * for the server to acknowledge the part before it, and servers delay that acknowledgement (40 ms on
 * Linux): one mail per 40 ms and connection, whatever the server's speed. nodemailer takes the socket as
 * already opened and runs the greeting, TLS and the timeouts on it as on its own.
 */
function openWithoutDelay(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions: { connection: net.Socket }) => void,
): void {
  callback(null, {
    connection: net.connect({ host: options.host, port: options.port ?? 25, noDelay: true }),
  });
}

/**
 * Sends one mail with the given settings over a connection of its own (the test mail: the admin wants
 * the verdict on these very settings). Resolves with whether it only went to the log; rejects with
 * the server's own error (nodemailer's message carries the SMTP reply, e.g. "Invalid login: 535 ...").
 */
export async function transmit(
  settings: DeliverySettings,
  mail: OutgoingMail,
): Promise<{ logOnly: boolean }> {
  if (settings.transport === 'none') throw new Error(NOT_CONFIGURED_MESSAGE);
  if (settings.transport === 'log') return { logOnly: true };
  const transporter = nodemailer.createTransport(smtpTransportOptions(settings));
  try {
    await transporter.sendMail(envelopeOf(settings, mail));
  } finally {
    transporter.close();
  }
  return { logOnly: false };
}

/** The text an admin sees in the Mail Log and the test result; bounded so a chatty server cannot bloat a row. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.trim() || 'Unknown error').slice(0, 2000);
}
