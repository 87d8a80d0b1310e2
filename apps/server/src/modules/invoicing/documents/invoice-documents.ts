import type { InvoiceDocument } from '@vmsp/domain';
import type { InvoiceDocuments, RenderOptions } from './factur-x-documents.ts';
import { RenderingPool } from './rendering-pool.ts';

export type { InvoiceDocuments, RenderOptions } from './factur-x-documents.ts';

/**
 * The documents of an issued invoice or credit note: its EN 16931 CII XML and its PDF/A-3 with that XML
 * embedded as factur-x.xml (how: factur-x-documents.ts). Rendered on the process's pool of worker threads:
 * call it for a whole batch at once (Promise.all) and the batch's documents are rendered on every core.
 */
export function renderInvoiceDocuments(
  doc: InvoiceDocument,
  options: RenderOptions,
): Promise<InvoiceDocuments> {
  pool ??= new RenderingPool();
  return pool.render(doc, options);
}

let pool: RenderingPool | null = null;
