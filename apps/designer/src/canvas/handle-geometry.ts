import type { NodeType } from '@alur/schema';
import { NODE_SIZE } from '@alur/schema/core';
import { type NodeHandle, Position } from '@xyflow/react';

/** The connection dot's drawn size (React Flow's `.react-flow__handle`, 6 × 6). */
const DOT = 6;
/** The symbol's border inside its React Flow box (`.sop-node` in styles.css); diamonds have none. */
const BORDER: Partial<Record<NodeType, number>> = { start: 2, end: 2, activity: 2, decision: 0 };

/**
 * Where React Flow finds each symbol's handles (`StepNodes.tsx`), as it would measure them in the
 * page: the top dot (arrows in), the bottom dot (arrows out), and the body that takes an arrow's
 * end while one is drawn. Given with the node, React Flow can draw a symbol's arrows without first
 * putting the symbol in the page to measure it — which, on a canvas that draws only what is in
 * view, it would otherwise do once for every symbol on opening. A browser test compares these with
 * the measured handles. Forks and joins (rare) are left to be measured.
 */
export function computeHandles(type: NodeType): NodeHandle[] | undefined {
  const border = BORDER[type];
  if (border === undefined) return undefined;
  const { width, height } = NODE_SIZE[type];
  const x = width / 2 - DOT / 2;
  // The dots have no id: React Flow's measured handles say null (not undefined), and its
  // connection checks build DOM selectors from the id, so undefined would match no handle.
  const top: NodeHandle = {
    id: null,
    type: 'target',
    position: Position.Top,
    x,
    y: border - DOT / 2,
    width: DOT,
    height: DOT,
  };
  const body: NodeHandle = {
    id: 'body',
    type: 'target',
    position: Position.Top,
    x: border,
    y: border,
    width: width - 2 * border,
    height: height - 2 * border,
  };
  const bottom: NodeHandle = {
    id: null,
    type: 'source',
    position: Position.Bottom,
    x,
    y: height - border - DOT / 2,
    width: DOT,
    height: DOT,
  };
  if (type === 'start') return [bottom];
  if (type === 'end') return [top, body];
  return [top, body, bottom];
}
