import { z } from 'zod';
import { Email, Id, IsoInstant, pageOf } from './common.ts';

/**
 * none: nothing configured, mails cannot be sent (invitations are refused);
 * log: "log only (development)": mails are recorded in the Mail Log but never leave the portal;
 * smtp: delivered through the configured SMTP server.
 */
export const MailTransport = z.enum(['none', 'log', 'smtp']);
export type MailTransport = z.infer<typeof MailTransport>;

export const MailEncryption = z.enum(['none', 'starttls', 'tls']);
export type MailEncryption = z.infer<typeof MailEncryption>;

const Hostname = z
  .string()
  .trim()
  .min(1, 'Enter the mail server host.')
  .max(253)
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/,
    'Enter a host name or IP address.',
  );

/** What the browser sees: never the password, only whether one is stored. */
export const MailSettings = z.object({
  transport: MailTransport,
  host: z.string(),
  port: z.number().int(),
  encryption: MailEncryption,
  username: z.string(),
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
});
export type MailSettings = z.infer<typeof MailSettings>;

const SmtpSettingsInput = z.object({
  transport: z.literal('smtp'),
  host: Hostname,
  port: z
    .number({ message: 'Enter a port number.' })
    .int('The port is a whole number.')
    .min(1, 'The port is between 1 and 65535.')
    .max(65535, 'The port is between 1 and 65535.'),
  encryption: MailEncryption,
  username: z.string().trim().max(320).default(''),
  /** Omitted or null: keep the stored password. Empty string: remove it. */
  password: z.string().max(1024).nullish(),
  fromAddress: Email,
  fromName: z.string().trim().max(200).default(''),
});

const OtherSettingsInput = z.object({
  transport: z.enum(['none', 'log']),
  fromAddress: Email.optional(),
  fromName: z.string().trim().max(200).optional(),
});

export const SaveMailSettingsRequest = z.discriminatedUnion('transport', [
  SmtpSettingsInput,
  OtherSettingsInput,
]);
export type SaveMailSettingsRequest = z.input<typeof SaveMailSettingsRequest>;

export const SendTestMailRequest = z.object({ to: Email });
export type SendTestMailRequest = z.infer<typeof SendTestMailRequest>;

/** A test mail is sent synchronously so that the admin sees the server's own answer at once. */
export const SendTestMailResponse = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type SendTestMailResponse = z.infer<typeof SendTestMailResponse>;

export const MailStatus = z.enum(['queued', 'sent', 'failed']);
export type MailStatus = z.infer<typeof MailStatus>;

export const MailLogEntry = z.object({
  id: Id,
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: MailStatus,
  /** True when the mail went through the "log only (development)" transport and never left the portal. */
  logOnly: z.boolean(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoInstant,
  sentAt: IsoInstant.nullable(),
});
export type MailLogEntry = z.infer<typeof MailLogEntry>;

/** One mail with its text, so that an admin can read what was sent (in log-only mode the only way to see it). */
export const MailMessage = MailLogEntry.extend({
  text: z.string(),
  /** The file names of its attachments (an invoice's PDF). */
  attachments: z.array(z.string()),
});
export type MailMessage = z.infer<typeof MailMessage>;

export const MailLogQuery = z.object({
  status: MailStatus.optional(),
  /** Part of the recipient's address or of the subject, in any case. */
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const MailLogPage = pageOf(MailLogEntry);
export type MailLogPage = z.infer<typeof MailLogPage>;

/**
 * Where the portal tells the provider about events (a purged customer, a project key's term ending): the given
 * address, or the first active admin while none is set.
 */
export const NotificationSettings = z.object({
  address: z
    .string()
    .trim()
    .max(254)
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .pipe(z.email({ message: 'Enter a valid e-mail address.' }).nullable())
    .nullable(),
});
export type NotificationSettings = z.input<typeof NotificationSettings>;

export const NotificationSettingsView = z.object({
  address: z.string().nullable(),
  /** Where notifications go now: the address, or the first active admin's. */
  effectiveAddress: z.string().nullable(),
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;
