import { describe, expect, it } from 'vitest';
import { createEmptyDocument, SCHEMA_VERSION } from './document.ts';
import { parseDocument } from './migrate.ts';

describe('parseDocument', () => {
  it('fills defaults so every identity list exists even when omitted', () => {
    const r = parseDocument({ schemaVersion: SCHEMA_VERSION, identity: {}, lanes: [], nodes: [], edges: [] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.document.identity.dasarHukum).toEqual([]);
      expect(r.document.identity.pencatatan).toEqual([]);
      expect(r.document.identity.disahkanOleh).toEqual({ jabatan: '', nama: '', nip: '' });
      expect(r.migratedFrom).toBeNull();
    }
  });

  it('round-trips an empty document', () => {
    const doc = createEmptyDocument('SOP Baru');
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).toEqual({
      ok: true,
      document: doc,
      migratedFrom: null,
    });
  });

  it('refuses a document from a newer Alur, naming schemaVersion', () => {
    const r = parseDocument({ ...createEmptyDocument(), schemaVersion: SCHEMA_VERSION + 1 });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'schemaVersion' }] });
  });

  it.each([null, 42, 'teks', [], { lanes: [] }])('refuses %j with a message instead of throwing', (input) => {
    const r = parseDocument(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message.length).toBeGreaterThan(5);
  });

  it('points at the field at fault', () => {
    const doc = createEmptyDocument();
    const bad = { ...doc, nodes: [{ id: 'a b', type: 'activity', laneId: 'x' }] };
    const r = parseDocument(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('nodes.0.id');
  });
});
