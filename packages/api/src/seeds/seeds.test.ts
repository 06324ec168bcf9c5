import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeRowOrder,
  formatWaktu,
  locateSopTables,
  parseWaktu,
  readSopRows,
  type SopTableRows,
  splitTextGrid,
  validateSop,
} from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { listSeedSlugs, loadSeed, SEEDS_DIR } from './load-seeds.ts';

interface SeedSource {
  slug: string;
  source: string;
  table: number;
}
const sources = JSON.parse(readFileSync(join(SEEDS_DIR, 'scripts', 'sources.json'), 'utf8')) as SeedSource[];

/** The printed rows of the seed's source table, read without any lane or decision guessing. */
function readSourceRows(src: SeedSource): SopTableRows {
  const text = readFileSync(join(SEEDS_DIR, src.source), 'utf8');
  const range = locateSopTables(text)[src.table]!;
  const table = readSopRows(splitTextGrid(text).slice(range.start, range.end));
  if (!table) throw new Error(`no table for ${src.slug}`);
  return table;
}

// What in a source row shows a decision: a "tidak" cell, or a branch in prose ("jika … tidak",
// "jika masih salah", a question "apakah …").
const showsDecision = (row: SopTableRows['rows'][number]) =>
  row.laneCells.some((c) => c.trim().toLowerCase() === 'tidak') ||
  /\b(jika|apabila)\s+(tidak|masih salah)\b|\bapakah\b/i.test(row.kegiatan);

describe('seeds', () => {
  it('has the 21 seeds of the manifest, and nothing else', () => {
    expect(listSeedSlugs()).toEqual(sources.map((s) => s.slug).sort());
    expect(sources).toHaveLength(21);
  });

  describe.each(sources)('$slug', (src) => {
    const { document } = loadSeed(src.slug);
    const table = readSourceRows(src);
    const steps = computeRowOrder(document);

    it('parses and validates with no error', () => {
      expect(validateSop(document).filter((i) => i.severity === 'error')).toEqual([]);
    });

    it('has one step per source row, with the waktu of that row', () => {
      expect(steps).toHaveLength(table.rows.length);
      const expected = table.rows.map((r) => {
        const w = parseWaktu(r.waktu);
        return w.ok ? formatWaktu(w.waktu) : `invalid:${r.waktu}`;
      });
      expect(steps.map((n) => formatWaktu(n.mutuBaku.waktu))).toEqual(expected);
    });

    it('makes decisions only of rows whose source shows one', () => {
      steps.forEach((n, i) => {
        if (n.type === 'decision') expect(showsDecision(table.rows[i]!), `row ${i + 1}`).toBe(true);
      });
      const sourceDecisions = table.rows.filter(showsDecision).length;
      const decisions = steps.filter((n) => n.type === 'decision').length;
      expect(decisions).toBe(sourceDecisions);
    });

    it('names the SOP and its agency on the identity sheet', () => {
      expect(document.identity.nama).not.toBe('');
      expect(document.identity.unit.nama).toMatch(/^Dinas Sosial/);
    });
  });

  it('keeps the LAKIP lanes on the usual position keys (used by the API journey tests)', () => {
    const { document } = loadSeed('tegal-lakip');
    const keys = document.lanes.map((l) =>
      l.kind === 'position' ? l.positionKey : l.kind === 'external' ? l.recordedBy : '',
    );
    for (const k of keys) expect(['kadis', 'sekdin', 'kabid', 'kasi', 'staf', 'peksos']).toContain(k);
  });

  it('models the adoption home visits (rows 5 and 6) as a fork and a join', () => {
    const { document } = loadSeed('tegal-adopsi');
    const fork = document.nodes.find((n) => n.type === 'fork')!;
    const join = document.nodes.find((n) => n.type === 'join')!;
    expect(
      document.edges
        .filter((e) => e.source === fork.id)
        .map((e) => e.target)
        .sort(),
    ).toEqual(['r5', 'r6']);
    expect(
      document.edges
        .filter((e) => e.target === join.id)
        .map((e) => e.source)
        .sort(),
    ).toEqual(['r5', 'r6']);
  });
});
