import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InvoiceDocument } from '@vmsp/domain';
import type { InvoiceDocuments, RenderOptions } from './factur-x-documents.ts';

/**
 * Worker threads that render invoice documents, so that a batch uses every core: one document's XML and PDF
 * take tens of milliseconds of CPU in pdfmake and the e-invoice library, all of it synchronous JavaScript,
 * which on the main thread would also stall the HTTP server. Documents handed in together are rendered in
 * parallel, one per worker at a time; the rest wait in order. Workers start on first use, and hold the process
 * open only while they have work. A worker that dies fails its document and is replaced.
 */

export interface RenderRequest {
  id: number;
  doc: InvoiceDocument;
  options: RenderOptions;
}

export type RenderReply = { id: number; xml: string; pdf: Uint8Array } | { id: number; error: string };

interface Task extends RenderRequest {
  resolve(documents: InvoiceDocuments): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

const WORKER_FILE = new URL('./rendering-worker.ts', import.meta.url);

export class RenderingPool {
  readonly size: number;
  #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextId = 1;

  constructor(size = Math.min(availableParallelism(), 4)) {
    this.size = Math.max(1, size);
  }

  render(doc: InvoiceDocument, options: RenderOptions): Promise<InvoiceDocuments> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, doc, options, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every worker; documents still waiting or rendering fail. */
  async close(): Promise<void> {
    const slots = this.#slots;
    this.#slots = [];
    for (const task of this.#queue.splice(0)) task.reject(new Error('The rendering pool was closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.task === null) ?? this.#start();
      if (!slot) return;
      const task = this.#queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, doc: task.doc, options: task.options } satisfies RenderRequest);
    }
  }

  #start(): Slot | null {
    if (this.#slots.length >= this.size) return null;
    const slot: Slot = { worker: new Worker(WORKER_FILE), task: null };
    slot.worker.on('message', (reply: RenderReply) => this.#settle(slot, reply));
    slot.worker.on('error', (error) => this.#fail(slot, error));
    slot.worker.on('exit', (code) =>
      this.#fail(slot, new Error(`A rendering worker stopped (exit code ${code})`)),
    );
    this.#slots.push(slot);
    return slot;
  }

  #settle(slot: Slot, reply: RenderReply): void {
    const task = slot.task;
    slot.task = null;
    slot.worker.unref();
    if (task && task.id === reply.id) {
      if ('error' in reply) task.reject(new Error(`Rendering ${task.doc.number} failed: ${reply.error}`));
      else task.resolve({ xml: reply.xml, pdf: reply.pdf });
    }
    this.#dispatch();
  }

  #fail(slot: Slot, error: Error): void {
    if (!this.#slots.includes(slot)) return;
    this.#slots = this.#slots.filter((candidate) => candidate !== slot);
    slot.task?.reject(error);
    slot.task = null;
    void slot.worker.terminate();
    this.#dispatch();
  }
}
