import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPasteCommand } from '../model/clipboard.ts';
import type { Command } from '../model/commands.ts';
import { createNode, createSampleDocument } from '../model/fixtures.ts';
import { createEditorStore, selectSettledDocument } from './editor-store.ts';

const ids = ['s', 'a1', 'd1', 'a3', 'e', 'n1', 'n2', 'n3'];
const lanes = ['l-staf', 'l-kasi', 'l-new'];
const id = fc.constantFrom(...ids);
const lane = fc.constantFrom(...lanes);

// Commands over a small id space, so they often hit existing elements and often collide.
const fieldKey = fc.constantFrom('nama', 'nik', 'alamat');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc
    .record({
      id,
      lane,
      t: fc.constantFrom('activity', 'decision', 'end', 'fork' as const),
      y: fc.integer({ min: 0, max: 900 }),
    })
    .map(
      ({ id, lane, t, y }) =>
        ({ type: 'node.add', payload: { node: createNode(id, t, lane, y, 'k') } }) as Command,
    ),
  fc
    .record({ id, lane, y: fc.integer({ min: 0, max: 900 }) })
    .map(
      ({ id, lane, y }) =>
        ({ type: 'node.move', payload: { nodeId: id, laneId: lane, position: { x: 0, y } } }) as Command,
    ),
  fc
    .record({ id, text: fc.string({ maxLength: 8 }) })
    .map(
      ({ id, text }) =>
        ({ type: 'node.update', payload: { nodeId: id, patch: { kegiatan: text } } }) as Command,
    ),
  id.map((nodeId) => ({ type: 'node.remove', payload: { nodeId } }) as Command),
  fc
    .record({ source: id, target: id, n: fc.nat(20) })
    .map(
      ({ source, target, n }) =>
        ({ type: 'edge.add', payload: { edge: { id: `x${n}`, source, target } } }) as Command,
    ),
  fc
    .constantFrom('e1', 'e2', 'e3', 'x1')
    .map((edgeId) => ({ type: 'edge.remove', payload: { edgeId } }) as Command),
  lane.map(
    (laneId) =>
      ({ type: 'lane.add', payload: { lane: { id: laneId, name: laneId, kind: 'unbound' } } }) as Command,
  ),
  fc
    .record({ lane, to: fc.integer({ min: 0, max: 3 }) })
    .map(({ lane, to }) => ({ type: 'lane.move', payload: { laneId: lane, toIndex: to } }) as Command),
  lane.map((laneId) => ({ type: 'lane.remove', payload: { laneId } }) as Command),
  fc
    .string({ maxLength: 6 })
    .map((nomor) => ({ type: 'identity.update', payload: { patch: { nomor } } }) as Command),
  fc
    .shuffledSubarray(['a1', 'd1', 'a3', 'n1'])
    .map((rowOrder) => ({ type: 'rows.reorder', payload: { rowOrder } }) as Command),
  // The case file: fields added, moved, removed and placed on forms.
  fieldKey.map(
    (key) =>
      ({ type: 'field.add', payload: { field: { key, label: key.toUpperCase(), type: 'text' } } }) as Command,
  ),
  fc
    .record({ key: fieldKey, to: fc.integer({ min: 0, max: 2 }) })
    .map(({ key, to }) => ({ type: 'field.move', payload: { key, toIndex: to } }) as Command),
  fieldKey.map((key) => ({ type: 'field.remove', payload: { key } }) as Command),
  fc
    .record({
      nodeId: fc.constantFrom('s', 'a1', 'd1'),
      key: fieldKey,
      mode: fc.constantFrom('read' as const, 'edit' as const, 'require' as const, null),
    })
    .map((payload) => ({ type: 'node.setFieldMode', payload }) as Command),
);
const commands = fc.array(
  fc.oneof(
    command,
    fc.array(command, { maxLength: 4 }).map((c) => ({ type: 'batch', payload: { commands: c } }) as Command),
  ),
  {
    maxLength: 25,
  },
);

describe('editor store history', () => {
  it('undoing every step of a random edit sequence returns to the start; redo returns to the end', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const start = createSampleDocument();
        const store = createEditorStore(start);
        let steps = 0;
        for (const c of cmds) if (store.getState().dispatch(c)) steps++;
        const end = store.getState().doc;
        expect(store.temporal.getState().pastStates.length).toBe(steps);
        for (let i = 0; i < steps; i++) store.getState().undo();
        expect(store.getState().doc).toEqual(start);
        for (let i = 0; i < steps; i++) store.getState().redo();
        expect(store.getState().doc).toEqual(end);
      }),
      { numRuns: 200 },
    );
    // 200 random sequences take ~2 s alone; the shared CI machine can be several times slower.
  }, 30_000);

  it('a batch is one undo step', () => {
    const store = createEditorStore(createSampleDocument());
    store.getState().dispatch({
      type: 'batch',
      payload: {
        commands: [
          { type: 'node.remove', payload: { nodeId: 'a1' } },
          { type: 'lane.rename', payload: { laneId: 'l-kasi', name: 'Kepala Seksi' } },
        ],
      },
    });
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toEqual(createSampleDocument());
  });

  it('a drag is one undo step, however many positions it passes through', () => {
    const store = createEditorStore(createSampleDocument());
    const s = store.getState();
    s.beginGesture();
    for (let y = 200; y <= 600; y += 10)
      s.preview({ type: 'node.move', payload: { nodeId: 'a3', laneId: 'l-kasi', position: { x: 0, y } } });
    s.endGesture();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(store.getState().doc.nodes.find((n) => n.id === 'a3')!.position.y).toBe(600);
    store.getState().undo();
    expect(store.getState().doc).toEqual(createSampleDocument());
  });

  it('Escape cancels a drag: the document is back and nothing is recorded', () => {
    const start = createSampleDocument();
    const store = createEditorStore(start);
    store.getState().beginGesture();
    store.getState().preview({
      type: 'node.move',
      payload: { nodeId: 'a3', laneId: 'l-kasi', position: { x: 0, y: 700 } },
    });
    store.getState().cancelGesture();
    expect(store.getState().doc).toBe(start);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    store.getState().dispatch({ type: 'lane.rename', payload: { laneId: 'l-kasi', name: 'x' } });
    expect(store.temporal.getState().pastStates).toHaveLength(1);
  });

  it('selection changes are never history entries', () => {
    const store = createEditorStore(createSampleDocument());
    store.getState().select({ nodeIds: ['a1'], edgeIds: [], laneId: null, identity: false });
    store.getState().select({ nodeIds: ['ghost'], edgeIds: [], laneId: 'l-kasi', identity: false });
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().selection.nodeIds).toEqual([]);
    expect(store.getState().selection.laneId).toBe('l-kasi');
  });

  it('a refused connection is reported with its reason and changes nothing', () => {
    const store = createEditorStore(createSampleDocument());
    const ok = store
      .getState()
      .dispatch({ type: 'edge.add', payload: { edge: { id: 'z', source: 'e', target: 'a1' } } });
    expect(ok).toBe(false);
    expect(store.getState().refusal?.code).toBe('END_HAS_OUTGOING');
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('a paste with one refused arrow changes nothing and says why', () => {
    const start = createSampleDocument();
    const store = createEditorStore(start);
    // Copied from an imported drawing where an activity had two exits: the second is refused.
    const a = createNode('pa', 'activity', 'l-staf', 600, 'Arsipkan');
    const b = createNode('pb', 'activity', 'l-staf', 700, 'Kirim');
    const c = createNode('pc', 'end', 'l-staf', 800);
    const clip = {
      nodes: [a, b, c],
      edges: [
        { id: 'x1', source: 'pa', target: 'pb' },
        { id: 'x2', source: 'pa', target: 'pc' },
      ],
    };
    let n = 0;
    const { command } = createPasteCommand(start, clip, (prefix) => `${prefix}-${n++}`);
    expect(store.getState().dispatch(command)).toBe(false);
    expect(store.getState().doc).toBe(start);
    expect(store.getState().refusal?.code).toBe('STEP_EXITS');
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('a paste whose arrows are all allowed applies as one undo step', () => {
    const start = createSampleDocument();
    const store = createEditorStore(start);
    const clip = {
      nodes: [createNode('pa', 'activity', 'l-staf', 600), createNode('pb', 'end', 'l-staf', 700)],
      edges: [{ id: 'x1', source: 'pa', target: 'pb' }],
    };
    let n = 0;
    const { command } = createPasteCommand(start, clip, (prefix) => `${prefix}-${n++}`);
    expect(store.getState().dispatch(command)).toBe(true);
    expect(store.getState().doc.nodes).toHaveLength(start.nodes.length + 2);
    expect(store.getState().doc.edges).toHaveLength(start.edges.length + 1);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
  });

  it('dragging one node snaps it to its lane centre and leaves the others where they were', () => {
    const base = createSampleDocument();
    // a1 sits off its lane's centre line (drawn elsewhere, or by an older version).
    const start = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'a1' ? { ...n, position: { x: 20, y: n.position.y } } : n)),
    };
    const store = createEditorStore(start);
    const s = store.getState();
    s.beginGesture();
    for (const x of [5, 15, 40])
      s.preview({ type: 'node.move', payload: { nodeId: 'a3', laneId: 'l-staf', position: { x, y: 450 } } });
    store.getState().endDrag();
    const doc = store.getState().doc;
    const at = (id: string) => doc.nodes.find((n) => n.id === id)!;
    expect(at('a3').position).toEqual({ x: 0, y: 450 });
    expect(at('a1').position).toEqual({ x: 20, y: 190 });
    for (const n of start.nodes.filter((n) => n.id !== 'a3')) expect(at(n.id)).toBe(n);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toEqual(start);
  });

  it('reads the document as at the drag start while dragging, for panels a move cannot change', () => {
    const start = createSampleDocument();
    const store = createEditorStore(start);
    store.getState().beginGesture();
    store.getState().preview({
      type: 'node.move',
      payload: { nodeId: 'a3', laneId: 'l-staf', position: { x: 12, y: 460 } },
    });
    expect(selectSettledDocument(store.getState())).toBe(start);
    store.getState().endDrag();
    expect(selectSettledDocument(store.getState())).toBe(store.getState().doc);
    expect(store.getState().doc).not.toBe(start);
  });

  it('two stores never share state', () => {
    const a = createEditorStore(createSampleDocument());
    const b = createEditorStore(createSampleDocument());
    a.getState().dispatch({ type: 'node.remove', payload: { nodeId: 'a1' } });
    expect(b.getState().doc.nodes).toHaveLength(5);
  });
  it('a read-only store (a published version) refuses every command and every gesture', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 20 }), (cmds) => {
        const initial = createSampleDocument();
        const store = createEditorStore(initial, { readOnly: true });
        const s = store.getState();
        for (const cmd of cmds) expect(s.dispatch(cmd)).toBe(false);
        s.beginGesture();
        s.preview(cmds[0]!);
        s.endGesture();
        expect(store.getState().doc).toBe(initial);
        expect(store.getState().refusal?.code).toBe('READ_ONLY');
        expect(store.temporal.getState().pastStates).toHaveLength(0);
      }),
    );
  });
});
