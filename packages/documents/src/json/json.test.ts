import type { SopDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { buildLakipSop } from '../test-support/build-sop.ts';
import { exportJson, importJson } from './json.ts';

describe('JSON export/import', () => {
  it('round-trips a document unchanged', () => {
    const doc = buildLakipSop();
    const text = exportJson(doc);
    expect(text.startsWith('{\n  "schemaVersion": 2,')).toBe(true);
    expect(importJson(text)).toEqual({ ok: true, document: doc, migratedFrom: null });
  });

  it('carries the case file: data fields and each node’s form', () => {
    const base = buildLakipSop();
    const doc: SopDocument = {
      ...base,
      dataFields: [
        { key: 'nik', label: 'NIK', type: 'nik' },
        { key: 'ktp', label: 'Scan KTP', type: 'file', kelengkapan: 'KTP', multiple: false },
        { key: 'status', label: 'Status', type: 'choice', options: ['Baru', 'Lama'], personal: true },
      ],
      nodes: base.nodes.map((n) =>
        n.type === 'start' ? { ...n, fields: [{ key: 'nik', mode: 'require' }] } : n,
      ),
    };
    const back = importJson(exportJson(doc));
    expect(back).toEqual({ ok: true, document: doc, migratedFrom: null });
  });

  it('imports a version 1 export, adding empty data fields and forms', () => {
    const doc = buildLakipSop();
    const v1 = { ...doc, schemaVersion: 1, nodes: doc.nodes.map(({ fields: _f, ...n }) => n) } as Record<
      string,
      unknown
    >;
    delete v1.dataFields;
    expect(importJson(JSON.stringify(v1))).toEqual({ ok: true, document: doc, migratedFrom: 1 });
  });

  it('reports text that is not JSON, and JSON that is not a document, naming the field', () => {
    expect(importJson('{ nope')).toMatchObject({ ok: false, error: { code: 'NOT_JSON' } });
    const bad = JSON.parse(exportJson(buildLakipSop()));
    bad.lanes[0].id = 'spasi tidak boleh';
    const r = importJson(JSON.stringify(bad));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_DOCUMENT' } });
    if (!r.ok) expect(r.error.message.id).toContain('lanes.0.id');
    const newer = importJson(JSON.stringify({ ...bad, schemaVersion: 99 }));
    if (!newer.ok) expect(newer.error.issues[0]!.path).toBe('schemaVersion');
    expect(newer.ok).toBe(false);
  });
});
