import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A mail as the test SMTP server received it, with the few parts tests look at decoded. */
export interface ReceivedMail {
  /** MAIL FROM of the envelope. */
  envelopeFrom: string;
  /** RCPT TO of the envelope. */
  to: string[];
  /** The From header, decoded (e.g. `vMSP Portal <noreply@provider.test>`). */
  from: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  /** The parts with a file name (Content-Disposition: attachment), their bytes decoded. */
  attachments: { filename: string; contentType: string; content: Buffer }[];
  headers: Map<string, string>;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  /** Every mail received (its DATA acknowledged) since start, across restarts. */
  messages: ReceivedMail[];
  /** How many client connections were accepted since start. */
  readonly connections: number;
  /**
   * Holds the answer to the next mail's DATA until `release()`: the client waits with the message sent
   * and unacknowledged, as with a slow server. `received` resolves once that mail's DATA has arrived. A
   * held mail whose client goes away before the release was never accepted: it lands in `abandoned`,
   * not in `messages`.
   */
  holdNext(): { received: Promise<ReceivedMail>; clientGone: Promise<void>; release(): void };
  /** Held mails whose client disconnected before the answer. */
  abandoned: ReceivedMail[];
  /** Resolves once at least n mails arrived; rejects after timeoutMs. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
  /** Listens again on the same port, as a mail server coming back after an outage. */
  restart(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Require these credentials; a wrong login gets "535 5.7.8 Authentication failed". */
  auth?: { user: string; pass: string };
  /** Listen on this port instead of an ephemeral one. */
  port?: number;
  /** Recipients the server refuses with "550 5.1.1 Mailbox unavailable". */
  refuse?: string[];
}

/**
 * A real SMTP server in the test process, on 127.0.0.1. Plain text only (the portal connects with
 * encryption 'none'); AUTH is allowed without TLS, because a test has no certificate to offer.
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const abandoned: ReceivedMail[] = [];
  let connections = 0;
  const closedSessions = new Set<string>();
  const closeWaiters = new Map<string, () => void>();
  let hold: { arrived(mail: ReceivedMail, sessionId: string, answer: () => void): void } | null = null;
  const refused = new Set((options.refuse ?? []).map((a) => a.toLowerCase()));

  const serverOptions: SMTPServerOptions = {
    secure: false,
    hideSTARTTLS: true,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onClose(session) {
      closedSessions.add(session.id);
      closeWaiters.get(session.id)?.();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), envelopeFrom, to);
        const accept = () => {
          messages.push(mail);
          callback();
        };
        if (!hold) {
          accept();
          return;
        }
        const held = hold;
        hold = null;
        held.arrived(mail, session.id, () => {
          if (closedSessions.has(session.id)) abandoned.push(mail);
          else accept();
        });
      });
    },
  };

  let server = new SMTPServer(serverOptions);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  const port = await listen(options.port ?? 0);
  let running = true;

  return {
    port,
    messages,
    abandoned,
    get connections() {
      return connections;
    },
    holdNext() {
      let release = () => {};
      let released = false;
      let gone = () => {};
      const clientGone = new Promise<void>((resolve) => {
        gone = resolve;
      });
      const received = new Promise<ReceivedMail>((resolve) => {
        hold = {
          arrived(mail, sessionId, answer) {
            if (closedSessions.has(sessionId)) gone();
            else closeWaiters.set(sessionId, gone);
            resolve(mail);
            release = answer;
            if (released) answer();
          },
        };
      });
      return {
        received,
        clientGone,
        release() {
          if (released) return;
          released = true;
          release();
        },
      };
    },
    async waitFor(n, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > deadline)
          throw new Error(`expected ${n} mail(s) within ${timeoutMs} ms, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    async stop() {
      if (!running) return;
      running = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async restart() {
      if (running) return;
      server = new SMTPServer(serverOptions);
      await listen(port);
      running = true;
    },
  };
}

/** Just enough MIME for the portal's own mails: headers, RFC 2047 words, multipart, QP and base64. */
export function parseMail(raw: string, envelopeFrom: string, to: string[]): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const parts = leafParts(headers, body);
  const partOf = (type: string) =>
    parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(type));
  return {
    envelopeFrom,
    to,
    from: decodeWords(headers.get('from') ?? ''),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: partOf('text/plain')?.content ?? '',
    html: partOf('text/html')?.content ?? '',
    attachments: parts.flatMap((p) => {
      const filename = /filename="?([^";]+)"?/i.exec(p.headers.get('content-disposition') ?? '')?.[1];
      if (!filename) return [];
      const contentType = (p.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      return [{ filename, contentType, content: decodeBytes(p.body, p.headers) }];
    }),
    headers,
    raw,
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function leafParts(
  headers: Map<string, string>,
  body: string,
): { headers: Map<string, string>; body: string; content: string }[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => {
        const part = splitEntity(chunk.replace(/^\n/, ''));
        return leafParts(part.headers, part.body);
      });
  }
  return [{ headers, body, content: decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit') }];
}

/** A part's bytes, for binary attachments (base64, as nodemailer writes them, or raw). */
function decodeBytes(body: string, headers: Map<string, string>): Buffer {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  return encoding === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : Buffer.from(body, 'latin1');
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, mode: string, text: string) =>
      mode.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
