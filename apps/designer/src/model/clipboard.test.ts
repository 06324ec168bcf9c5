import { describe, expect, it } from 'vitest';
import { copySelection, createPasteCommand } from './clipboard.ts';
import { applyCommand } from './commands.ts';
import { createSampleDocument } from './fixtures.ts';

describe('copy and paste', () => {
  it('pastes copies under new ids with the edges between them, as one batch', () => {
    const doc = createSampleDocument();
    const clip = copySelection(doc, ['a1', 'd1']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2', 'e4']);
    let n = 0;
    const { command, nodeIds } = createPasteCommand(doc, clip, (p) => `${p}-copy${n++}`);
    const next = applyCommand(doc, command);
    expect(next.nodes).toHaveLength(7);
    expect(nodeIds.every((id) => next.nodes.some((x) => x.id === id))).toBe(true);
    const pastedEdges = next.edges.filter((e) => nodeIds.includes(e.source));
    expect(pastedEdges.map((e) => e.label)).toEqual([undefined, 'tidak']);
    expect(next.rowOrder).toHaveLength(5);
  });
});
