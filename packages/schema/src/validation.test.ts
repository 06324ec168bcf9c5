import { describe, expect, it } from 'vitest';
import { sketch } from './testing/sketch.ts';
import { isPublishable, type ValidationCode, validateSop } from './validation.ts';

const codes = (doc: Parameters<typeof validateSop>[0]) => validateSop(doc).map((i) => i.code);

/*
 *  kasi:   (s) → [a] → <d> —ya→ (e)
 *                 ↑      |
 *                 └tidak─┘
 */
const good = () =>
  sketch({
    lanes: ['kasi', 'kabid'],
    nodes: ['s start kasi', 'a activity kasi 1 hari', 'd decision kabid 30 menit', 'e end kabid'],
    flows: ['s>a', 'a>d', 'd>e:ya', 'd>a:tidak'],
  });

describe('validateSop', () => {
  it('accepts a well-formed SOP with a loop', () => {
    expect(validateSop(good())).toEqual([]);
    expect(isPublishable(validateSop(good()))).toBe(true);
  });

  const cases: [string, (d: ReturnType<typeof good>) => void, ValidationCode, string?][] = [
    [
      'no start',
      (d) => {
        d.nodes = d.nodes.filter((n) => n.type !== 'start');
      },
      'NO_START',
    ],
    [
      'two starts',
      (d) => {
        d.nodes.push({ ...d.nodes[0]!, id: 's2' });
      },
      'MULTIPLE_START',
      's2',
    ],
    [
      'no end',
      (d) => {
        d.nodes = d.nodes.filter((n) => n.type !== 'end');
      },
      'NO_END',
    ],
    [
      'a missing tidak exit',
      (d) => {
        d.edges = d.edges.filter((e) => e.label !== 'tidak');
      },
      'DECISION_EXITS',
      'd',
    ],
    [
      'two ya exits',
      (d) => {
        d.edges.find((e) => e.label === 'tidak')!.label = 'ya';
      },
      'DECISION_EXITS',
      'd',
    ],
    [
      'an empty Kegiatan',
      (d) => {
        d.nodes[1]!.kegiatan = '   ';
      },
      'KEGIATAN_EMPTY',
      'a',
    ],
    [
      'an unbound lane',
      (d) => {
        d.lanes[1] = { id: 'kabid', name: 'KABID', kind: 'unbound' };
      },
      'LANE_UNBOUND',
      'kabid',
    ],
    [
      'a node in a missing lane',
      (d) => {
        d.nodes[1]!.laneId = 'hilang';
      },
      'NODE_LANE_MISSING',
      'a',
    ],
    [
      'an arrow into the start',
      (d) => {
        d.edges.push({ id: 'x', source: 'a', target: 's' });
      },
      'START_HAS_INCOMING',
      's',
    ],
    [
      'an arrow out of the end',
      (d) => {
        d.edges.push({ id: 'x', source: 'e', target: 'a' });
      },
      'END_HAS_OUTGOING',
      'e',
    ],
    [
      'an arrow to nowhere',
      (d) => {
        d.edges.push({ id: 'x', source: 'a', target: 'zzz' });
      },
      'EDGE_ENDPOINT_MISSING',
      'x',
    ],
    [
      'a duplicate id',
      (d) => {
        d.lanes[1]!.id = 'kasi';
      },
      'DUPLICATE_ID',
      'kasi',
    ],
    [
      'a negative waktu',
      (d) => {
        d.nodes[1]!.mutuBaku.waktu = { amount: -1, unit: 'hari', perItem: false };
      },
      'WAKTU_INVALID',
      'a',
    ],
  ];
  for (const [what, change, code, elementId] of cases) {
    it(`reports ${what} as ${code}`, () => {
      const doc = good();
      change(doc);
      const issues = validateSop(doc);
      const hit = issues.find((i) => i.code === code);
      expect(hit, JSON.stringify(issues.map((i) => i.code))).toBeDefined();
      if (elementId) expect(hit!.element.id).toBe(elementId);
      expect(hit!.message.id.length).toBeGreaterThan(10);
      expect(hit!.message.en.length).toBeGreaterThan(10);
      expect(isPublishable(issues)).toBe(false);
    });
  }

  it('reports a step that cannot be reached and one that cannot reach an end', () => {
    /*  (s) → [a] → (e)      [lost] → [stuck] ⟲ */
    const doc = sketch({
      lanes: ['kasi'],
      nodes: ['s start kasi', 'a activity kasi', 'e end kasi', 'lost activity kasi', 'stuck activity kasi'],
      flows: ['s>a', 'a>e', 'lost>stuck', 'stuck>lost'],
    });
    const issues = validateSop(doc);
    expect(
      issues
        .filter((i) => i.code === 'NODE_UNREACHABLE')
        .map((i) => i.element.id)
        .sort(),
    ).toEqual(['lost', 'stuck']);
    expect(
      issues
        .filter((i) => i.code === 'NODE_CANNOT_REACH_END')
        .map((i) => i.element.id)
        .sort(),
    ).toEqual(['lost', 'stuck']);
  });

  it('accepts balanced fork/join and rejects a branch that escapes to an end', () => {
    /*  (s) → [a] → ⫿f → [b] ┐
     *                  → [c] ┴→ ⫿j → (e)            */
    const balanced = sketch({
      lanes: ['kasi', 'staf'],
      nodes: [
        's start kasi',
        'a activity kasi',
        'f fork kasi',
        'b activity kasi',
        'c activity staf',
        'j join kasi',
        'e end kasi',
      ],
      flows: ['s>a', 'a>f', 'f>b', 'f>c', 'b>j', 'c>j', 'j>e'],
    });
    expect(codes(balanced)).toEqual([]);
    /*  … ⫿f → [b] → ⫿j → (e);  [c] → (e2)  — c never joins */
    const escaping = sketch({
      lanes: ['kasi', 'staf'],
      nodes: [
        's start kasi',
        'f fork kasi',
        'b activity kasi',
        'c activity staf',
        'j join kasi',
        'e end kasi',
        'e2 end staf',
      ],
      flows: ['s>f', 'f>b', 'f>c', 'b>j', 'c>e2', 'j>e'],
    });
    expect(codes(escaping)).toContain('FORK_JOIN_UNBALANCED');
    expect(codes(escaping)).toContain('JOIN_ENTRIES');
  });

  it('warns, without blocking publication, when the row order misses a step', () => {
    const doc = good();
    doc.rowOrder = ['a'];
    const issues = validateSop(doc);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['ROW_ORDER_STALE', 'warning']]);
    expect(isPublishable(issues)).toBe(true);
  });
});
