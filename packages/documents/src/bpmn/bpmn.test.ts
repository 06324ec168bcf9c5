import { SCHEMA_VERSION, type SopDocument, sopDocumentSchema, validateSop } from '@alur/schema';
import { BpmnModdle } from 'bpmn-moddle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLakipSop, buildTestSop } from '../test-support/build-sop.ts';
import { exportBpmn } from './export-bpmn.ts';
import { importBpmn } from './import-bpmn.ts';

/**
 *  start → a(Kasi) → fork ─┬→ b(Kasi) ─┬→ join → c(Kabid)◇ ─ya→ end
 *                          └→ p(Peksos)┘            └tidak→ a
 */
function buildForkSop(): SopDocument {
  const step = (id: string, type: 'activity' | 'decision', laneId: string, x: number) => ({
    id,
    type,
    laneId,
    kegiatan: `Kegiatan ${id}`,
    position: { x, y: 0 },
    mutuBaku: {
      kelengkapan: [],
      waktu: { amount: 2, unit: 'hari' as const, perItem: false },
      output: `Hasil ${id}`,
    },
  });
  return sopDocumentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    identity: { nama: 'Kunjungan rumah calon orang tua angkat' },
    lanes: [
      { id: 'kabid', name: 'Kabid', kind: 'position', positionKey: 'kabid' },
      { id: 'kasi', name: 'Kasi', kind: 'position', positionKey: 'kasi' },
      { id: 'peksos', name: 'Peksos', kind: 'external', recordedBy: 'staf' },
    ],
    nodes: [
      { id: 'start', type: 'start', laneId: 'kasi' },
      step('a', 'activity', 'kasi', 1),
      { id: 'fork', type: 'fork', laneId: 'kasi' },
      step('b', 'activity', 'kasi', 2),
      step('p', 'activity', 'peksos', 3),
      { id: 'join', type: 'join', laneId: 'kasi' },
      step('c', 'decision', 'kabid', 4),
      { id: 'end', type: 'end', laneId: 'kabid' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'a' },
      { id: 'e2', source: 'a', target: 'fork' },
      { id: 'e3', source: 'fork', target: 'b' },
      { id: 'e4', source: 'fork', target: 'p' },
      { id: 'e5', source: 'b', target: 'join' },
      { id: 'e6', source: 'p', target: 'join' },
      { id: 'e7', source: 'join', target: 'c' },
      { id: 'e8', source: 'c', target: 'end', label: 'ya' },
      { id: 'e9', source: 'c', target: 'a', label: 'tidak' },
    ],
    rowOrder: ['a', 'b', 'p', 'c'],
  });
}

const strip = (d: SopDocument) => ({
  lanes: d.lanes,
  nodes: d.nodes.map(({ position: _p, ...n }) => n),
  edges: d.edges,
  rowOrder: d.rowOrder,
});

describe('BPMN export', () => {
  it.each([
    ['LAKIP', buildLakipSop()],
    ['fork/join', buildForkSop()],
  ])('%s parses with bpmn-moddle without warnings, with a DI shape for every element', async (_n, doc) => {
    const xml = exportBpmn(doc);
    const { rootElement, warnings, elementsById } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const shapes = new Set(
      Object.values(elementsById)
        .filter((e) => e.$type === 'bpmndi:BPMNShape' || e.$type === 'bpmndi:BPMNEdge')
        .map((e) => (e.bpmnElement as { id: string }).id),
    );
    const process = (rootElement.rootElements as { $type: string; flowElements: { id: string }[] }[]).find(
      (r) => r.$type === 'bpmn:Process',
    )!;
    for (const el of process.flowElements) expect(shapes.has(el.id)).toBe(true);
    expect(xml).toContain('<bpmn:potentialOwner');
    expect(xml).toContain('xsi:type="bpmn:tFormalExpression"');
  });

  it('writes gateways, named exits and ISO 8601 timers', () => {
    const xml = exportBpmn(buildForkSop());
    expect(xml.match(/<bpmn:parallelGateway /g)).toHaveLength(2);
    expect(xml.match(/<bpmn:exclusiveGateway /g)).toHaveLength(1);
    expect(xml).toMatch(/name="ya" sourceRef="Gateway_c" targetRef="Event_end"/);
    expect(xml).toMatch(/name="tidak" sourceRef="Gateway_c" targetRef="Activity_a"/);
    expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration>');
    expect(xml).toContain('camunda:candidateGroups="staf"');
  });
});

describe('BPMN import', () => {
  it.each([
    ['LAKIP', buildLakipSop()],
    ['fork/join', buildForkSop()],
    [
      'long chain',
      buildTestSop({
        lanes: ['A', 'B'],
        rows: Array.from({ length: 25 }, (_, i) => ({
          lane: i % 2,
          ...(i % 6 === 5 ? { decision: { tidak: i - 2 } } : {}),
        })),
      }),
    ],
  ])('%s round-trips lanes, steps, rows and gateway targets', async (_n, doc) => {
    const r = await importBpmn(exportBpmn(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.notes).toEqual([]);
    expect(strip(r.document)).toEqual(strip(doc));
    expect(validateSop(r.document)).toEqual(validateSop(doc));
  });

  it('keeps a keterangan that is only whitespace (found by the property below)', async () => {
    const doc = buildLakipSop();
    const node = doc.nodes.find((n) => n.id === 'r6')!;
    node.keterangan = ' ';
    const r = await importBpmn(exportBpmn(doc));
    expect(r.ok && r.document.nodes.find((n) => n.id === 'r6')?.keterangan).toBe(' ');
  });

  it('keeps any text of kegiatan, keterangan, output and kelengkapan', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (kegiatan, keterangan, output, item) => {
        const doc = buildLakipSop();
        const node = doc.nodes.find((n) => n.id === 'r6')!;
        Object.assign(node, {
          kegiatan,
          keterangan,
          mutuBaku: { ...node.mutuBaku, output, kelengkapan: [item] },
        });
        const r = await importBpmn(exportBpmn(doc));
        expect(r.ok && strip(r.document)).toEqual(strip(doc));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('reads a plain bpmn.io diagram: unnamed exits, merging gateway, no lanes', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <process id="P">
    <startEvent id="s" /><task id="t1" name="Periksa berkas" /><exclusiveGateway id="g" name="Lengkap?" />
    <exclusiveGateway id="m" /><task id="t2" name="Lengkapi" /><endEvent id="e" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="m" /><sequenceFlow id="f2" sourceRef="m" targetRef="t1" />
    <sequenceFlow id="f3" sourceRef="t1" targetRef="g" /><sequenceFlow id="f4" name="Ya" sourceRef="g" targetRef="e" />
    <sequenceFlow id="f5" sourceRef="g" targetRef="t2" /><sequenceFlow id="f6" sourceRef="t2" targetRef="m" />
  </process>
</definitions>`;
    const r = await importBpmn(xml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.document;
    expect(d.lanes).toEqual([{ id: 'pelaksana', name: 'Pelaksana', kind: 'unbound' }]);
    expect(d.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      's:start',
      't1:activity',
      'g:decision',
      't2:activity',
      'e:end',
    ]);
    expect(d.edges.map((e) => `${e.source}>${e.target}${e.label ? `:${e.label}` : ''}`)).toEqual([
      's>t1',
      't1>g',
      'g>e:ya',
      'g>t2:tidak',
      't2>t1',
    ]);
    expect(r.report.notes.map((n) => n.en).join(' ')).toContain('taken as "tidak"');
  });

  it('reports text that is not BPMN', async () => {
    expect(await importBpmn('<bukan xml')).toMatchObject({ ok: false, error: { code: 'NOT_BPMN' } });
    expect(
      await importBpmn('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>'),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_PROCESS' },
    });
  });
});
