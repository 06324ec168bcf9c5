import { validateSop } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { applyCommand, applyCommands, createSwapLabelsCommand, tryCommand } from './commands.ts';
import { createNode, createSampleDocument } from './fixtures.ts';

describe('applyCommand', () => {
  it('lane.add inserts at the index and refuses a duplicate id', () => {
    const doc = createSampleDocument();
    const next = applyCommand(doc, {
      type: 'lane.add',
      payload: { lane: { id: 'l-kabid', name: 'Kabid', kind: 'unbound' }, index: 1 },
    });
    expect(next.lanes.map((l) => l.id)).toEqual(['l-staf', 'l-kabid', 'l-kasi']);
    expect(
      applyCommand(next, { type: 'lane.add', payload: { lane: { id: 'a1', name: 'x', kind: 'unbound' } } }),
    ).toBe(next);
  });

  it('lane.move, lane.rename and lane.bind change only that lane', () => {
    const doc = createSampleDocument();
    const moved = applyCommand(doc, { type: 'lane.move', payload: { laneId: 'l-kasi', toIndex: 0 } });
    expect(moved.lanes.map((l) => l.id)).toEqual(['l-kasi', 'l-staf']);
    const renamed = applyCommand(moved, {
      type: 'lane.rename',
      payload: { laneId: 'l-kasi', name: 'Kepala Seksi' },
    });
    expect(renamed.lanes[0]!.name).toBe('Kepala Seksi');
    const ext = applyCommand(renamed, {
      type: 'lane.bind',
      payload: { laneId: 'l-kasi', binding: { kind: 'external', recordedBy: 'staf' } },
    });
    expect(ext.lanes[0]).toEqual({
      id: 'l-kasi',
      name: 'Kepala Seksi',
      kind: 'external',
      recordedBy: 'staf',
    });
    expect(doc.lanes[1]!.name).toBe('Kasi'); // input untouched
  });

  it('lane.remove removes its nodes, their edges and rows', () => {
    const next = applyCommand(createSampleDocument(), { type: 'lane.remove', payload: { laneId: 'l-kasi' } });
    expect(next.nodes.map((n) => n.id)).not.toContain('d1');
    expect(next.edges.every((e) => e.source !== 'd1' && e.target !== 'd1')).toBe(true);
    expect(next.rowOrder).toEqual(['a1', 'a3']);
  });

  it('node.add puts a step into the row order by its height; node.remove takes edges along', () => {
    const doc = createSampleDocument();
    const added = applyCommand(doc, {
      type: 'node.add',
      payload: { node: createNode('a2', 'activity', 'l-kasi', 350) },
    });
    expect(added.rowOrder).toEqual(['a1', 'd1', 'a2', 'a3']);
    const fork = applyCommand(added, {
      type: 'node.add',
      payload: { node: createNode('f', 'fork', 'l-kasi', 10) },
    });
    expect(fork.rowOrder).toEqual(added.rowOrder);
    const removed = applyCommand(doc, { type: 'node.remove', payload: { nodeId: 'a1' } });
    expect(removed.edges.map((e) => e.id)).toEqual(['e3', 'e5']);
    expect(removed.rowOrder).toEqual(['d1', 'a3']);
  });

  it('node.add refuses a node whose lane is missing', () => {
    const doc = createSampleDocument();
    expect(
      applyCommand(doc, { type: 'node.add', payload: { node: createNode('x', 'activity', 'nope') } }),
    ).toBe(doc);
  });

  it('node.move changes lane and position; a no-op move returns the same document', () => {
    const doc = createSampleDocument();
    const moved = applyCommand(doc, {
      type: 'node.move',
      payload: { nodeId: 'a3', laneId: 'l-kasi', position: { x: 0, y: 500 } },
    });
    expect(moved.nodes.find((n) => n.id === 'a3')).toMatchObject({
      laneId: 'l-kasi',
      position: { x: 0, y: 500 },
    });
    expect(
      applyCommand(doc, {
        type: 'node.move',
        payload: { nodeId: 'a3', laneId: 'l-staf', position: { x: 0, y: 410 } },
      }),
    ).toBe(doc);
  });

  it('node.update merges mutu baku; turning a decision into an activity drops exit labels', () => {
    const doc = createSampleDocument();
    const next = applyCommand(doc, {
      type: 'node.update',
      payload: { nodeId: 'a1', patch: { mutuBaku: { output: 'Berkas lengkap' } } },
    });
    const a1 = next.nodes.find((n) => n.id === 'a1')!;
    expect(a1.mutuBaku).toEqual({
      kelengkapan: ['KTP'],
      waktu: { amount: 10, unit: 'menit', perItem: false },
      output: 'Berkas lengkap',
    });
    const plain = applyCommand(doc, {
      type: 'node.update',
      payload: { nodeId: 'd1', patch: { type: 'activity' } },
    });
    expect(plain.edges.filter((e) => e.source === 'd1').map((e) => e.label)).toEqual([undefined, undefined]);
  });

  it('edge.add refuses what validation would reject (second exit of an activity, entry into Mulai)', () => {
    const doc = createSampleDocument();
    expect(
      applyCommand(doc, { type: 'edge.add', payload: { edge: { id: 'x', source: 'a1', target: 'a3' } } }),
    ).toBe(doc);
    expect(
      applyCommand(doc, { type: 'edge.add', payload: { edge: { id: 'x', source: 'a3', target: 's' } } }),
    ).toBe(doc);
    const cut = applyCommand(doc, { type: 'edge.remove', payload: { edgeId: 'e5' } });
    const again = applyCommand(cut, {
      type: 'edge.add',
      payload: { edge: { id: 'e9', source: 'a3', target: 'e' } },
    });
    expect(again.edges.at(-1)).toEqual({ id: 'e9', source: 'a3', target: 'e' });
  });

  it('swap labels exchanges ya and tidak in one batch', () => {
    const doc = createSampleDocument();
    const swapped = applyCommand(doc, createSwapLabelsCommand(doc, 'd1'));
    expect(swapped.edges.find((e) => e.id === 'e3')!.label).toBe('tidak');
    expect(swapped.edges.find((e) => e.id === 'e4')!.label).toBe('ya');
    expect(validateSop(swapped).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('rows.reorder keeps only existing steps, without duplicates', () => {
    const doc = createSampleDocument();
    const next = applyCommand(doc, {
      type: 'rows.reorder',
      payload: { rowOrder: ['a3', 'a3', 'ghost', 'a1', 'd1'] },
    });
    expect(next.rowOrder).toEqual(['a3', 'a1', 'd1']);
  });

  it('identity.update patches the sheet and batch applies in order', () => {
    const doc = applyCommands(createSampleDocument(), [
      { type: 'identity.update', payload: { patch: { nomor: '800/01' } } },
      {
        type: 'batch',
        payload: {
          commands: [
            { type: 'identity.update', payload: { patch: { dasarHukum: ['UU 23/2014'] } } },
            { type: 'identity.update', payload: { patch: { nomor: '800/02' } } },
          ],
        },
      },
    ]);
    expect(doc.identity.nomor).toBe('800/02');
    expect(doc.identity.dasarHukum).toEqual(['UU 23/2014']);
  });

  it('a batch holding a refused connection applies none of its commands', () => {
    const doc = createSampleDocument();
    const batch = {
      type: 'batch' as const,
      payload: {
        commands: [
          { type: 'node.add' as const, payload: { node: createNode('n', 'activity', 'l-kasi', 640) } },
          { type: 'edge.add' as const, payload: { edge: { id: 'ok', source: 'n', target: 'e' } } },
          // An arrow out of Selesai is refused.
          { type: 'edge.add' as const, payload: { edge: { id: 'bad', source: 'e', target: 'n' } } },
        ],
      },
    };
    expect(applyCommand(doc, batch)).toBe(doc);
    const r = tryCommand(doc, batch);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe('END_HAS_OUTGOING');
  });

  it('the sample document is valid, so the fixtures used elsewhere are meaningful', () => {
    expect(validateSop(createSampleDocument()).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
