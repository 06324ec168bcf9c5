import { describe, expect, it } from 'vitest';
import { createSampleDocument } from '../model/fixtures.ts';
import { prepareDuplicate } from './duplicate-sop.ts';

describe('prepareDuplicate', () => {
  it('names the copy on the SOP and its identity sheet and keeps the drawing', () => {
    const doc = createSampleDocument();
    const copy = prepareDuplicate('Salinan Contoh', doc);
    expect(copy.name).toBe('Salinan Contoh');
    expect(copy.document.identity.nama).toBe('Salinan Contoh');
    expect(copy.document.nodes).toBe(doc.nodes);
    expect(copy.document.edges).toBe(doc.edges);
    expect(doc.identity.nama).toBe('Contoh');
  });

  it('keeps a long name within the server’s 300 characters', () => {
    const copy = prepareDuplicate(`Salinan ${'x'.repeat(400)}`, createSampleDocument());
    expect(copy.name).toHaveLength(300);
  });
});
