import { describe, expect, it } from 'vitest';
import { buildLakipSop } from '../test-support/build-sop.ts';
import { exportJson, importJson } from './json.ts';

describe('JSON export/import', () => {
  it('round-trips a document unchanged', () => {
    const doc = buildLakipSop();
    const text = exportJson(doc);
    expect(text.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
    expect(importJson(text)).toEqual({ ok: true, document: doc, migratedFrom: null });
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
