import { buildGraph, computeRowOrder, type SopDocument, type SopNode } from '@alur/schema';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Diagram geometry: horizontal pool with one band per lane, nodes placed left to right by row. */
export interface BpmnLayout {
  pool: Box;
  lanes: Map<string, Box>;
  nodes: Map<string, Box>;
}

const POOL_X = 120;
const POOL_Y = 60;
const LABEL_W = 30;
const LANE_H = 140;
const UNIT = 90;
const SIZE: Record<SopNode['type'], { w: number; h: number }> = {
  start: { w: 36, h: 36 },
  end: { w: 36, h: 36 },
  activity: { w: 100, h: 80 },
  decision: { w: 50, h: 50 },
  fork: { w: 50, h: 50 },
  join: { w: 50, h: 50 },
};

/**
 * Steps take even columns in printed row order; start sits in column 0; forks, joins and ends
 * take the column after their furthest predecessor, so the diagram reads like the table.
 */
export function layoutBpmn(doc: SopDocument): BpmnLayout {
  const graph = buildGraph(doc);
  const col = new Map<string, number>();
  for (const [i, n] of computeRowOrder(doc).entries()) col.set(n.id, 2 + 2 * i);
  for (const n of doc.nodes) if (n.type === 'start') col.set(n.id, 0);
  const rest = doc.nodes.filter((n) => !col.has(n.id));
  for (let pass = 0; pass < rest.length + 1; pass++) {
    for (const n of rest) {
      const preds = (graph.incoming.get(n.id) ?? [])
        .map((e) => col.get(e.source))
        .filter((c) => c !== undefined);
      if (preds.length > 0) col.set(n.id, Math.max(...preds) + 1);
    }
  }
  const maxCol = Math.max(0, ...col.values());
  for (const n of rest) if (!col.has(n.id)) col.set(n.id, maxCol + 1);
  const width = LABEL_W + (Math.max(0, ...col.values()) + 2) * UNIT;
  const lanes = new Map<string, Box>();
  doc.lanes.forEach((l, i) => {
    lanes.set(l.id, { x: POOL_X + LABEL_W, y: POOL_Y + i * LANE_H, w: width - LABEL_W, h: LANE_H });
  });
  const nodes = new Map<string, Box>();
  for (const n of doc.nodes) {
    const lane = lanes.get(n.laneId) ?? { y: POOL_Y, h: LANE_H };
    const s = SIZE[n.type];
    const cx = POOL_X + LABEL_W + UNIT * (col.get(n.id)! + 1);
    nodes.set(n.id, { x: cx - s.w / 2, y: lane.y + (lane.h - s.h) / 2, w: s.w, h: s.h });
  }
  const pool = { x: POOL_X, y: POOL_Y, w: width, h: Math.max(1, doc.lanes.length) * LANE_H };
  return { pool, lanes, nodes };
}

/** Orthogonal waypoints: forward flows leave right and enter left; loops run under both shapes. */
export function routeFlow(a: Box, b: Box): [number, number][] {
  const ay = a.y + a.h / 2;
  const by = b.y + b.h / 2;
  if (b.x >= a.x + a.w) {
    const sx = a.x + a.w;
    const tx = b.x;
    if (ay === by)
      return [
        [sx, ay],
        [tx, by],
      ];
    const mx = Math.round((sx + tx) / 2);
    return [
      [sx, ay],
      [mx, ay],
      [mx, by],
      [tx, by],
    ];
  }
  const ax = a.x + a.w / 2;
  const bx = b.x + b.w / 2;
  const low = Math.max(a.y + a.h, b.y + b.h) + 20;
  return [
    [ax, a.y + a.h],
    [ax, low],
    [bx, low],
    [bx, b.y + b.h],
  ];
}
