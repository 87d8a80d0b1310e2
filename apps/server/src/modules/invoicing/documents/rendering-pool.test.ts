import { afterAll, describe, expect, it } from 'vitest';
import { RenderingPool } from './rendering-pool.ts';
import { SAMPLE_KINDS, sampleInvoiceDocument } from './sample-documents.ts';

const pool = new RenderingPool(2);

afterAll(async () => {
  await pool.close();
});

describe('the rendering pool', () => {
  it('renders documents handed in together on its workers, each answer for its own document', async () => {
    const docs = SAMPLE_KINDS.map((kind, index) => sampleInvoiceDocument(kind, 500 + index));
    const results = await Promise.all(docs.map((doc) => pool.render(doc, { logoDataUrl: null })));
    results.forEach((result, index) => {
      expect(result.xml).toContain(`<ram:ID>${docs[index]?.number}</ram:ID>`);
      expect(Buffer.from(result.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    });
  });

  it('fails the one document that cannot be rendered and goes on with the others', async () => {
    const broken = { ...sampleInvoiceDocument('german', 600), lines: [] };
    const [failed, rendered] = await Promise.allSettled([
      pool.render(broken, { logoDataUrl: null }),
      pool.render(sampleInvoiceDocument('non-eu', 601), { logoDataUrl: null }),
    ]);
    expect(failed.status).toBe('rejected');
    expect(failed.status === 'rejected' && String(failed.reason)).toMatch(/RE-2026-000600.*BR-16/s);
    expect(rendered.status).toBe('fulfilled');
  });
});
