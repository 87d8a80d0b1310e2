import type { Executor } from '../../db/connection.ts';

/** Where an attachment's bytes come from: a kind of stored file (e.g. 'invoice-pdf') and its owner's id. */
export interface AttachmentRef {
  kind: string;
  id: string;
}

/** A file a queued mail carries, by reference: the outbox row names it, delivery reads it. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  source: AttachmentRef;
}

/** An attachment as the transport sends it. */
export interface LoadedAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * The port through which another module lends its stored files to mails, without the mail module importing
 * it: the owner registers a source for its kind in app.ts. `load` reads with the delivery's executor and
 * throws when the file is gone (the delivery then fails and is retried, as any other failure).
 */
export interface AttachmentSource {
  load(executor: Executor, id: string): Promise<Uint8Array>;
}

/**
 * The attachment sources known to this portal. A mail is queued with references only (an invoice PDF is
 * stored once, however many mails carry it, and 100,000 invoices a month do not double the database); the
 * bytes are read when the mail goes out.
 */
export class MailAttachments {
  readonly #sources = new Map<string, AttachmentSource>();

  register(kind: string, source: AttachmentSource): void {
    if (this.#sources.has(kind)) throw new Error(`an attachment source for '${kind}' is registered already`);
    this.#sources.set(kind, source);
  }

  /** Refuses, when the mail is queued, a reference no source can load: it would only fail at delivery. */
  check(attachments: readonly MailAttachment[]): void {
    for (const a of attachments) this.#sourceOf(a.source.kind);
  }

  async load(executor: Executor, attachments: readonly MailAttachment[]): Promise<LoadedAttachment[]> {
    const loaded: LoadedAttachment[] = [];
    for (const a of attachments) {
      const content = await this.#sourceOf(a.source.kind).load(executor, a.source.id);
      loaded.push({ filename: a.filename, contentType: a.contentType, content });
    }
    return loaded;
  }

  #sourceOf(kind: string): AttachmentSource {
    const source = this.#sources.get(kind);
    if (!source) throw new Error(`no attachment source for '${kind}'`);
    return source;
  }
}
