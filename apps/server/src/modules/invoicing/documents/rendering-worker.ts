import { parentPort } from 'node:worker_threads';
import { renderFacturXDocuments } from './factur-x-documents.ts';
import type { RenderReply, RenderRequest } from './rendering-pool.ts';

/**
 * A worker thread of the rendering pool: renders one invoice's documents per message, one after another, and
 * answers with the XML and the PDF (the PDF's memory is transferred, not copied) or with the error's message.
 */
const port = parentPort;
if (!port) throw new Error('rendering-worker.ts runs as a worker thread of the rendering pool');

port.on('message', async (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const { xml, pdf } = await renderFacturXDocuments(request.doc, request.options);
    reply = { id: request.id, xml, pdf };
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(reply, 'pdf' in reply ? [reply.pdf.buffer as ArrayBuffer] : []);
});
