// A large, valid SOP for the designer benchmark: Mulai, a chain of activities with a decision every
// tenth row whose `tidak` exit loops back three rows (a back edge), and Selesai.
const POSITIONS = ['staf', 'kasi', 'kabid', 'sekdin', 'kadis', 'peksos'];
const ROW_HEIGHT = 110;

/** Builds a document with `nodeCount` symbols (Mulai and Selesai included) over `laneCount` lanes. */
export function generateSop({ nodeCount = 300, laneCount = 12 } = {}) {
  const lanes = Array.from({ length: laneCount }, (_, i) => ({
    id: `lane-${i + 1}`,
    name: `Pelaksana ${i + 1}`,
    kind: 'position',
    positionKey: POSITIONS[i % POSITIONS.length],
  }));
  const stepCount = nodeCount - 2;
  const steps = Array.from({ length: stepCount }, (_, i) => {
    const row = i + 1;
    const isDecision = row % 10 === 0;
    return {
      id: `r${row}`,
      type: isDecision ? 'decision' : 'activity',
      laneId: lanes[(i * 5) % laneCount].id,
      kegiatan: isDecision ? `Memeriksa hasil langkah ${row - 1}` : `Mengerjakan kegiatan nomor ${row}`,
      keterangan: '',
      mutuBaku: {
        kelengkapan: ['Berkas'],
        waktu: { amount: 5, unit: 'menit', perItem: false },
        output: 'Dokumen',
      },
      position: { x: 0, y: 80 + row * ROW_HEIGHT },
    };
  });
  const nodes = [
    { id: 'start', type: 'start', laneId: lanes[0].id, position: { x: 0, y: 80 } },
    ...steps,
    { id: 'end', type: 'end', laneId: lanes[0].id, position: { x: 0, y: 80 + (stepCount + 1) * ROW_HEIGHT } },
  ];
  const edges = [{ id: 'e-start', source: 'start', target: 'r1' }];
  steps.forEach((s, i) => {
    const next = steps[i + 1]?.id ?? 'end';
    if (s.type === 'decision') {
      edges.push({ id: `e-${s.id}-ya`, source: s.id, target: next, label: 'ya' });
      edges.push({ id: `e-${s.id}-tidak`, source: s.id, target: steps[i - 3].id, label: 'tidak' });
    } else {
      edges.push({ id: `e-${s.id}`, source: s.id, target: next });
    }
  });
  return {
    schemaVersion: 1,
    identity: { nama: `Benchmark ${nodeCount} simbol, ${laneCount} lajur` },
    lanes,
    nodes,
    edges,
    rowOrder: steps.map((s) => s.id),
  };
}

// The canvas geometry of @alur/schema/core (LANE_WIDTH, NODE_SIZE, computeNodeOrigin), repeated
// here because the benchmark runs as plain JavaScript; `checkDrawnBoxes` in measure-page.mjs
// compares it with the symbols the page draws, so a change there fails the benchmark loudly.
const LANE_WIDTH = 220;
const SIZE = {
  start: { width: 120, height: 40 },
  end: { width: 120, height: 40 },
  activity: { width: 170, height: 64 },
  decision: { width: 100, height: 100 },
};

/** Where each symbol of a generated document is drawn, in canvas units: [{id, x, y, width, height}]. */
export function computeSymbolBoxes(document) {
  const laneIndex = new Map(document.lanes.map((l, i) => [l.id, i]));
  return document.nodes.map((n) => {
    const size = SIZE[n.type];
    return {
      id: n.id,
      x: laneIndex.get(n.laneId) * LANE_WIDTH + (LANE_WIDTH - size.width) / 2 + n.position.x,
      y: n.position.y,
      width: size.width,
      height: size.height,
    };
  });
}
