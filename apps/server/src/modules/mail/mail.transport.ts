import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { DeliverySettings } from './mail-settings.ts';

export const NOT_CONFIGURED_MESSAGE = 'No mail server is configured. Set one up in Settings → Mail Server.';

/** Long enough for a slow server, short enough that a dead host does not hold a worker or a request. */
const TIMEOUT_MS = 10_000;

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
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

/**
 * Sends one mail with the given settings. Resolves with whether it only went to the log; rejects with
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
    await transporter.sendMail({
      from: settings.from.name
        ? { name: settings.from.name, address: settings.from.address }
        : settings.from.address,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
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
