import { describe, expect, it } from 'vitest';
import { computeCriticalPath, computeRowOrder, formatNominalMinutes, numberRows, sumWaktu } from './graph.ts';
import { summarizeDocument } from './summary.ts';
import { sketch } from './testing/sketch.ts';

/*
 *  (s) → [a 2 hari] → ⫿f → [b 1 jam]  ──────────┐
 *                        → [c 30 menit] → [d 3 hari] ┴→ ⫿j → <r 15 menit> —ya→ (e)
 *                                                            └tidak→ [a]
 */
const doc = () =>
  sketch({
    lanes: ['kasi', 'staf', 'kabid'],
    nodes: [
      's start kasi',
      'a activity kasi 2 hari',
      'f fork kasi',
      'b activity kasi 1 jam',
      'c activity staf 30 menit',
      'd activity staf 3 hari',
      'j join kasi',
      'r decision kabid 15 menit',
      'e end kabid',
    ],
    flows: ['s>a', 'a>f', 'f>b', 'f>c', 'c>d', 'b>j', 'd>j', 'j>r', 'r>e:ya', 'r>a:tidak'],
  });

describe('graph helpers', () => {
  it('numbers rows in the row order, steps only', () => {
    expect([...numberRows(doc()).entries()]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['r', 5],
    ]);
  });

  it('prints rows missing from rowOrder after the ordered ones, by position', () => {
    const d = doc();
    d.rowOrder = ['r', 'a'];
    expect(computeRowOrder(d).map((n) => n.id)).toEqual(['r', 'a', 'b', 'c', 'd']);
  });

  it('sums waktu as printed, carrying minutes into hours', () => {
    const total = sumWaktu(doc());
    expect(total.byUnit).toEqual({ hari: 5, jam: 1, menit: 45 });
    expect(total.text).toBe('5 hari 1 jam 45 menit');
    const carry = sketch({
      lanes: ['k'],
      nodes: ['s start k', 'a activity k 40 menit', 'b activity k 50 menit', 'e end k'],
      flows: ['s>a', 'a>b', 'b>e'],
    });
    expect(sumWaktu(carry).text).toBe('1 jam 30 menit');
  });

  it('takes the longest parallel branch and ignores the loop for the critical path', () => {
    const path = computeCriticalPath(doc());
    // 2 hari + max(1 jam, 30 menit + 3 hari) + 15 menit = 5 hari 45 menit (450-minute days)
    expect(path.nodeIds).toEqual(['s', 'a', 'f', 'c', 'd', 'j', 'r', 'e']);
    expect(path.minutes).toBe(5 * 450 + 45);
    expect(path.text).toBe('5 hari 45 menit');
    expect(formatNominalMinutes(0)).toBe('0 menit');
  });

  it('summarises the printed table with decision targets', () => {
    const s = summarizeDocument(doc());
    expect(s.lanes).toEqual(['KASI', 'STAF', 'KABID']);
    expect(s.rows.at(-1)).toEqual({
      no: 5,
      kegiatan: 'Kegiatan r',
      lane: 'KABID',
      kind: 'decision',
      waktu: '15 menit',
      ya: null,
      tidak: 1,
    });
    expect(s.totalWaktu).toBe('5 hari 1 jam 45 menit');
  });
});
