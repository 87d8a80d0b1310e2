/**
 * Benchmark of the invoice documents (issue 12: PDFs rendered by jobs at ≥ 50 a second): renders N invoice
 * documents, each the CII XML and the PDF/A-3 with that XML embedded, in batches handed to the rendering pool
 * at once (as the rendering job should: its worker threads then use every core), and prints documents per
 * second beside the target, the time per batch, the CPU time per document beside its budget (what the cores
 * give when nothing else runs, for a shared machine), the load average and the peak RSS (of the whole process,
 * worker threads included).
 *
 *   npm run bench:invoice-documents               (500 documents)
 *   npm run bench:invoice-documents -- 2000       (or BENCH_DOCUMENTS=2000)
 *
 * The documents cycle through the sample cases (German customer, EU reverse charge, outside the EU, credit
 * note, a pro-rata upgrade with five lines), each with its own number, half of them with a logo. A warm-up of
 * one batch (module loading, parsing the fonts, the JIT warming up in each worker) is not timed.
 */
import { availableParallelism, loadavg } from 'node:os';
import { renderInvoiceDocuments } from '../apps/server/src/modules/invoicing/documents/invoice-documents.ts';
import {
  SAMPLE_KINDS,
  sampleInvoiceDocument,
} from '../apps/server/src/modules/invoicing/documents/sample-documents.ts';

const COUNT = Number(process.argv[2] ?? process.env.BENCH_DOCUMENTS ?? 500);
const BATCH = 50;
const TARGET_PER_SECOND = 50;
const WARM_UP = BATCH;
// CPU per document that gives ≥ 50 a second on two cores with a margin of a sixth for the rest of the server.
const CPU_BUDGET_MS = 30;
// A 1×1 PNG: what a logo costs per document is its embedding, not its pixels.
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

if (!Number.isSafeInteger(COUNT) || COUNT < 1)
  throw new Error(`The document count must be ≥ 1, got ${COUNT}`);

async function render(sequence: number): Promise<number> {
  const kind = SAMPLE_KINDS[sequence % SAMPLE_KINDS.length] ?? 'german';
  const doc = sampleInvoiceDocument(kind, sequence + 1);
  const { xml, pdf } = await renderInvoiceDocuments(doc, { logoDataUrl: sequence % 2 === 0 ? LOGO : null });
  return xml.length + pdf.byteLength;
}

async function renderBatch(from: number, to: number): Promise<number> {
  const sizes = await Promise.all(Array.from({ length: to - from }, (_, i) => render(from + i)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

await renderBatch(0, WARM_UP);

const durations: number[] = [];
let bytes = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let from = 0; from < COUNT; from += BATCH) {
  const t = performance.now();
  bytes += await renderBatch(WARM_UP + from, WARM_UP + Math.min(COUNT, from + BATCH));
  durations.push(performance.now() - t);
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
// CPU time per document (all threads): what the work costs, whatever else the machine runs meanwhile.
const cpuMsPerDocument = (cpu.user + cpu.system) / 1000 / COUNT;

durations.sort((a, b) => a - b);
const percentile = (p: number) =>
  durations[Math.min(durations.length - 1, Math.floor(p * durations.length))] ?? 0;
const perSecond = COUNT / seconds;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(
  `invoice documents: ${COUNT} rendered (XML + PDF/A-3) in ${seconds.toFixed(1)} s on ${availableParallelism()} cores`,
);
console.log(
  `  documents per second: ${perSecond.toFixed(1)}   target ≥ ${TARGET_PER_SECOND}   ${perSecond >= TARGET_PER_SECOND ? 'met' : 'MISSED'}`,
);
console.log(
  `  per batch of ${BATCH}: median ${percentile(0.5).toFixed(0)} ms, max ${percentile(1).toFixed(0)} ms; ${(bytes / COUNT / 1024).toFixed(0)} KB a document`,
);
// What the cores would give if nothing else ran: the figure to compare when the machine is shared.
const freeCoresPerSecond = (availableParallelism() * 1000) / cpuMsPerDocument;
console.log(
  `  CPU per document: ${cpuMsPerDocument.toFixed(1)} ms   budget ≤ ${CPU_BUDGET_MS} ms   ${cpuMsPerDocument <= CPU_BUDGET_MS ? 'met' : 'MISSED'}   (${availableParallelism()} free cores: ${freeCoresPerSecond.toFixed(0)} documents per second)`,
);
console.log(`  load average during the run: ${loadavg()[0]?.toFixed(1)} (1 min)`);
console.log(`  peak RSS: ${peakRssMb.toFixed(0)} MB`);
