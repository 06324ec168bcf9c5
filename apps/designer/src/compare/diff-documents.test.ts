import type { SopDocument } from '@alur/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../model/commands.ts';
import { createNode, createSampleDocument } from '../model/fixtures.ts';
import { buildComparisonView, GHOST_EDGE_PREFIX } from './comparison-view.ts';
import { diffDocuments, isEmptyDiff } from './diff-documents.ts';
import { listDiffItems } from './diff-items.ts';

/*
 * The sample SOP (version):
 *   staf:  (s) → [a1 Terima berkas] ──────────→ [a3 Proses] → (e)
 *   kasi:              ↓                 ya ↑
 *                  <d1 Setuju?> ── tidak → a1
 */
const version = createSampleDocument();

function edit(doc: SopDocument, ...cmds: Parameters<typeof applyCommand>[1][]): SopDocument {
  return cmds.reduce((d, c) => applyCommand(d, c), doc);
}

describe('diffDocuments', () => {
  it('finds nothing between a document and itself, or a copy moved around', () => {
    expect(isEmptyDiff(diffDocuments(version, version))).toBe(true);
    const moved = edit(version, {
      type: 'node.move',
      payload: { nodeId: 'a1', laneId: 'l-staf', position: { x: 0, y: 999 } },
    });
    expect(isEmptyDiff(diffDocuments(version, moved))).toBe(true);
  });

  it('reports added and removed symbols by id', () => {
    const draft = edit(
      version,
      { type: 'node.add', payload: { node: createNode('a9', 'activity', 'l-kasi', 600, 'Arsip') } },
      { type: 'node.remove', payload: { nodeId: 'a3' } },
    );
    const d = diffDocuments(version, draft);
    expect(d.nodes.added.map((n) => n.id)).toEqual(['a9']);
    expect(d.nodes.removed.map((n) => n.id)).toEqual(['a3']);
    // Removing a3 removed its arrows d1→a3 (ya) and a3→e.
    expect(d.edges.removed.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['a3>e', 'd1>a3']);
    expect(d.nodes.changed).toEqual([]);
  });

  it('names every changed field of a symbol: kegiatan, lane, waktu, kelengkapan, output, keterangan', () => {
    const draft = edit(version, {
      type: 'node.update',
      payload: {
        nodeId: 'a1',
        patch: {
          kegiatan: 'Terima dan periksa berkas',
          keterangan: 'Loket 2',
          mutuBaku: {
            kelengkapan: ['KTP', 'KK'],
            waktu: { amount: 15, unit: 'menit', perItem: false },
            output: 'Tanda terima',
          },
        },
      },
    });
    const moved = edit(draft, {
      type: 'node.move',
      payload: { nodeId: 'a1', laneId: 'l-kasi', position: { x: 0, y: 190 } },
    });
    const [change] = diffDocuments(version, moved).nodes.changed;
    expect(change?.id).toBe('a1');
    expect(change?.fields).toEqual(['kegiatan', 'lane', 'waktu', 'kelengkapan', 'output', 'keterangan']);
  });

  it('reports a changed symbol type', () => {
    const draft = {
      ...version,
      nodes: version.nodes.map((n) => (n.id === 'a3' ? { ...n, type: 'decision' as const } : n)),
    };
    expect(diffDocuments(version, draft).nodes.changed.map((c) => [c.id, c.fields])).toEqual([
      ['a3', ['type']],
    ]);
  });

  it('identifies arrows by their ends: a redrawn arrow is no change, a swapped label is a relabel', () => {
    const redrawn = {
      ...version,
      edges: version.edges.map((e) => (e.id === 'e1' ? { ...e, id: 'e1-new' } : e)),
    };
    expect(isEmptyDiff(diffDocuments(version, redrawn))).toBe(true);
    const swapped = edit(
      version,
      { type: 'edge.relabel', payload: { edgeId: 'e3', label: 'tidak' } },
      { type: 'edge.relabel', payload: { edgeId: 'e4', label: 'ya' } },
    );
    const d = diffDocuments(version, swapped);
    expect(d.edges.relabelled.map((r) => [r.after.id, r.before.label, r.after.label])).toEqual([
      ['e3', 'ya', 'tidak'],
      ['e4', 'tidak', 'ya'],
    ]);
    expect(d.edges.added).toEqual([]);
    expect(d.edges.removed).toEqual([]);
  });

  it('reports lanes added, removed, renamed and rebound', () => {
    const draft = edit(
      version,
      { type: 'lane.add', payload: { lane: { id: 'l-kadis', name: 'Kadis', kind: 'unbound' } } },
      { type: 'lane.rename', payload: { laneId: 'l-staf', name: 'Staf pelayanan' } },
      {
        type: 'lane.bind',
        payload: { laneId: 'l-kasi', binding: { kind: 'position', positionKey: 'kabid' } },
      },
    );
    const d = diffDocuments(version, draft);
    expect(d.lanes.added.map((l) => l.id)).toEqual(['l-kadis']);
    expect(d.lanes.changed.map((c) => [c.id, c.fields])).toEqual([
      ['l-staf', ['name']],
      ['l-kasi', ['binding']],
    ]);
    const without = { ...draft, lanes: draft.lanes.filter((l) => l.id !== 'l-kadis') };
    expect(diffDocuments(draft, without).lanes.removed.map((l) => l.id)).toEqual(['l-kadis']);
  });

  it('is symmetric: what b adds to a, a removes from b (any subset of nodes removed)', () => {
    const ids = version.nodes.map((n) => n.id);
    fc.assert(
      fc.property(fc.subarray(ids), (gone) => {
        const draft = edit(
          version,
          ...gone.map((nodeId) => ({ type: 'node.remove' as const, payload: { nodeId } })),
        );
        const forward = diffDocuments(version, draft);
        const backward = diffDocuments(draft, version);
        expect(forward.nodes.removed.map((n) => n.id).sort()).toEqual([...gone].sort());
        expect(backward.nodes.added.map((n) => n.id).sort()).toEqual([...gone].sort());
        expect(forward.edges.removed.length).toBe(backward.edges.added.length);
        expect(forward.nodes.changed).toEqual([]);
      }),
    );
  });
});

describe('buildComparisonView', () => {
  it('draws the draft with removed symbols, lanes and arrows ghosted, and marks every status', () => {
    const draft = edit(
      version,
      { type: 'node.remove', payload: { nodeId: 'a3' } },
      { type: 'node.add', payload: { node: createNode('a9', 'activity', 'l-kasi', 600, 'Arsip') } },
      { type: 'node.update', payload: { nodeId: 'a1', patch: { kegiatan: 'Terima' } } },
      { type: 'edge.relabel', payload: { edgeId: 'e4', label: 'ya' } },
    );
    const { doc, highlight } = buildComparisonView(draft, diffDocuments(version, draft));
    expect(doc.nodes.map((n) => n.id)).toContain('a3');
    expect(highlight.nodes.get('a3')).toBe('removed');
    expect(highlight.nodes.get('a9')).toBe('added');
    expect(highlight.nodes.get('a1')).toBe('changed');
    expect(highlight.nodes.get('s')).toBeUndefined();
    expect(highlight.edges.get('e4')).toBe('changed');
    const ghosts = doc.edges.filter((e) => e.id.startsWith(GHOST_EDGE_PREFIX));
    expect(ghosts.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['a3>e', 'd1>a3']);
    for (const g of ghosts) expect(highlight.edges.get(g.id)).toBe('removed');
    // The draft itself is untouched.
    expect(draft.nodes.some((n) => n.id === 'a3')).toBe(false);
  });

  it('appends a removed lane with its symbols', () => {
    const draft = edit(version, { type: 'lane.remove', payload: { laneId: 'l-kasi' } });
    const { doc, highlight } = buildComparisonView(draft, diffDocuments(version, draft));
    expect(doc.lanes.map((l) => l.id)).toEqual(['l-staf', 'l-kasi']);
    expect(highlight.lanes.get('l-kasi')).toBe('removed');
    expect(highlight.nodes.get('d1')).toBe('removed');
  });
});

describe('listDiffItems', () => {
  it('lists lanes, symbols and arrows with readable names and the ids the canvas draws', () => {
    const draft = edit(
      version,
      { type: 'lane.rename', payload: { laneId: 'l-kasi', name: 'Kepala Seksi' } },
      { type: 'node.remove', payload: { nodeId: 'a3' } },
      { type: 'edge.relabel', payload: { edgeId: 'e4', label: 'ya' } },
    );
    const items = listDiffItems(diffDocuments(version, draft), version, draft);
    expect(items.map((i) => [i.kind, i.status, i.elementId, i.label])).toEqual([
      ['lane', 'changed', 'l-kasi', 'Kepala Seksi'],
      ['node', 'removed', 'a3', 'Proses'],
      ['edge', 'removed', `${GHOST_EDGE_PREFIX}e3`, 'Setuju? → Proses'],
      ['edge', 'removed', `${GHOST_EDGE_PREFIX}e5`, 'Proses → end'],
      ['edge', 'changed', 'e4', 'Setuju? → Terima berkas'],
    ]);
    expect(items.at(-1)?.relabel).toEqual({ from: 'tidak', to: 'ya' });
  });
});
