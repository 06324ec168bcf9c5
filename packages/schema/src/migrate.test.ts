import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEmptyDocument,
  NODE_TYPES,
  SCHEMA_VERSION,
  type SopDocument,
  sopDocumentSchema,
} from './document.ts';
import { parseDocument } from './migrate.ts';
import { caseFileDoc } from './testing/case-file.ts';

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

/** A v2 document as v1 stored it: no data fields, no forms. */
function toVersion1(doc: SopDocument): Record<string, unknown> {
  const { dataFields: _d, ...rest } = doc;
  return { ...rest, schemaVersion: 1, nodes: doc.nodes.map(({ fields: _f, ...n }) => n) };
}

const v1Document = fc
  .record({
    laneCount: fc.integer({ min: 1, max: 4 }),
    nodes: fc.array(
      fc.record({
        type: fc.constantFrom(...NODE_TYPES),
        lane: fc.nat(),
        kegiatan: fc.string({ maxLength: 40 }),
        kelengkapan: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        x: fc.integer({ min: -200, max: 200 }),
        y: fc.integer({ min: 0, max: 2000 }),
      }),
      { maxLength: 12 },
    ),
    nama: fc.string({ maxLength: 60 }),
  })
  .map(({ laneCount, nodes, nama }) => {
    const lanes = Array.from({ length: laneCount }, (_, k) => ({
      id: `l${k}`,
      name: `Lajur ${k}`,
      kind: 'position' as const,
      positionKey: `p${k}`,
    }));
    const doc = sopDocumentSchema.parse({
      schemaVersion: SCHEMA_VERSION,
      identity: { nama },
      lanes,
      nodes: nodes.map((n, i) => ({
        id: `n${i}`,
        type: n.type,
        laneId: `l${n.lane % laneCount}`,
        kegiatan: n.kegiatan,
        mutuBaku: { kelengkapan: n.kelengkapan, waktu: null, output: '' },
        position: { x: n.x, y: n.y },
      })),
      edges: nodes.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
    });
    return doc;
  });

describe('migration 1 → 2 (property)', () => {
  it('keeps every v1 document whole and adds empty data fields and forms', () => {
    fc.assert(
      fc.property(v1Document, (doc) => {
        const r = parseDocument(JSON.parse(JSON.stringify(toVersion1(doc))));
        expect(r).toEqual({ ok: true, document: doc, migratedFrom: 1 });
        if (r.ok) {
          expect(r.document.dataFields).toEqual([]);
          expect(r.document.nodes.every((n) => n.fields.length === 0)).toBe(true);
        }
      }),
    );
  });

  it('is idempotent: a migrated document parses again unchanged, as current', () => {
    fc.assert(
      fc.property(v1Document, (doc) => {
        const once = parseDocument(toVersion1(doc));
        if (!once.ok) throw new Error('migration failed');
        expect(parseDocument(JSON.parse(JSON.stringify(once.document)))).toEqual({
          ok: true,
          document: once.document,
          migratedFrom: null,
        });
      }),
    );
  });

  it('keeps the data fields and forms of a v2 document through a JSON round trip', () => {
    const doc = caseFileDoc({ s: [{ key: 'nik', mode: 'require' }] });
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).toEqual({
      ok: true,
      document: doc,
      migratedFrom: null,
    });
  });

  it('reports a broken v1 document instead of throwing', () => {
    expect(parseDocument({ schemaVersion: 1, identity: {}, lanes: [], nodes: 'x', edges: [] }).ok).toBe(
      false,
    );
    expect(parseDocument({ schemaVersion: 1, identity: {}, lanes: [], nodes: [null], edges: [] }).ok).toBe(
      false,
    );
  });
});
