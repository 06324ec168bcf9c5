import { buildGraph, formatWaktu, type Lane, type SopDocument, type SopNode } from '@alur/schema';
import { formatIsoDuration, escapeXml as x } from './duration.ts';
import { type Box, layoutBpmn, routeFlow } from './layout.ts';

/** Namespace of Alur's extension attributes (what BPMN has no field for: waktu text, output, …). */
export const ALUR_NS = 'https://alur.id/schema/bpmn/1.0';

const PREFIX: Record<SopNode['type'], string> = {
  start: 'Event',
  end: 'Event',
  activity: 'Activity',
  decision: 'Gateway',
  fork: 'Gateway',
  join: 'Gateway',
};
/** BPMN ids must be XML names (no leading digit), so Alur ids get a type prefix. */
export const bpmnNodeId = (n: Pick<SopNode, 'type' | 'id'>) => `${PREFIX[n.type]}_${n.id}`;
const laneXmlId = (l: Lane) => `Lane_${l.id}`;
const flowXmlId = (id: string) => `Flow_${id}`;

function laneGroup(l: Lane): string {
  if (l.kind === 'position') return l.positionKey;
  if (l.kind === 'external') return l.recordedBy;
  return '';
}

function laneAttrs(l: Lane): string {
  const base = `alur:id="${x(l.id)}" alur:kind="${l.kind}"`;
  if (l.kind === 'position') return `${base} alur:positionKey="${x(l.positionKey)}"`;
  if (l.kind === 'external') return `${base} alur:recordedBy="${x(l.recordedBy)}"`;
  return base;
}

function mutuAttrs(n: SopNode): string {
  const m = n.mutuBaku;
  return [
    `alur:id="${x(n.id)}"`,
    m.waktu ? `alur:waktu="${x(formatWaktu(m.waktu))}"` : '',
    m.output ? `alur:output="${x(m.output)}"` : '',
    m.kelengkapan.length ? `alur:kelengkapan="${x(JSON.stringify(m.kelengkapan))}"` : '',
    // <documentation> is for people and other tools; XML readers trim its whitespace, so the exact
    // text also rides as an attribute (escaped, newlines included) for a lossless round trip.
    n.keterangan && n.keterangan.trim() !== n.keterangan ? `alur:keterangan="${x(n.keterangan)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * BPMN 2.0 XML of the SOP: one pool, a lane per pelaksana, a userTask per activity (owner = the
 * position key, as `potentialOwner` and `camunda:candidateGroups`), an exclusiveGateway per
 * decision with `ya`/`tidak` flows, parallel gateways for fork/join, a non-interrupting timer
 * (ISO 8601 duration) on each task with a waktu, and the diagram (BPMN DI) laid out like the table.
 */
export function exportBpmn(doc: SopDocument): string {
  const graph = buildGraph(doc);
  const layout = layoutBpmn(doc);
  const laneById = new Map(doc.lanes.map((l) => [l.id, l]));
  const out: string[] = [];
  const name = x(doc.identity.nama || 'SOP');
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:alur="${ALUR_NS}" id="Definitions_1" targetNamespace="${ALUR_NS}" exporter="Alur" exporterVersion="1" alur:nomor="${x(doc.identity.nomor)}">`,
  );
  out.push('  <bpmn:collaboration id="Collaboration_1">');
  out.push(`    <bpmn:participant id="Participant_1" name="${name}" processRef="Process_1" />`);
  out.push('  </bpmn:collaboration>');
  out.push(`  <bpmn:process id="Process_1" name="${name}" isExecutable="false">`);
  out.push('    <bpmn:laneSet id="LaneSet_1">');
  for (const l of doc.lanes) {
    out.push(`      <bpmn:lane id="${laneXmlId(l)}" name="${x(l.name)}" ${laneAttrs(l)}>`);
    for (const n of doc.nodes.filter((n) => n.laneId === l.id)) {
      out.push(`        <bpmn:flowNodeRef>${bpmnNodeId(n)}</bpmn:flowNodeRef>`);
    }
    out.push('      </bpmn:lane>');
  }
  out.push('    </bpmn:laneSet>');
  const timers: { id: string; task: SopNode }[] = [];
  for (const n of doc.nodes) {
    const refs = [
      ...(graph.incoming.get(n.id) ?? []).map(
        (e) => `      <bpmn:incoming>${flowXmlId(e.id)}</bpmn:incoming>`,
      ),
      ...(graph.outgoing.get(n.id) ?? []).map(
        (e) => `      <bpmn:outgoing>${flowXmlId(e.id)}</bpmn:outgoing>`,
      ),
    ];
    const doc_ = n.keterangan ? [`      <bpmn:documentation>${x(n.keterangan)}</bpmn:documentation>`] : [];
    const id = bpmnNodeId(n);
    const group = laneGroup(laneById.get(n.laneId) ?? { id: '', name: '', kind: 'unbound' });
    if (n.type === 'activity') {
      const owner = group ? ` camunda:candidateGroups="${x(group)}"` : '';
      out.push(`    <bpmn:userTask id="${id}" name="${x(n.kegiatan)}"${owner} ${mutuAttrs(n)}>`);
      out.push(...doc_, ...refs);
      if (group) {
        out.push(`      <bpmn:potentialOwner id="Owner_${n.id}">`);
        out.push(`        <bpmn:resourceAssignmentExpression id="Owner_${n.id}_expr">`);
        out.push(`          <bpmn:formalExpression>${x(group)}</bpmn:formalExpression>`);
        out.push('        </bpmn:resourceAssignmentExpression>');
        out.push('      </bpmn:potentialOwner>');
      }
      out.push('    </bpmn:userTask>');
      if (n.mutuBaku.waktu) timers.push({ id: `Timer_${n.id}`, task: n });
    } else {
      const tag = {
        start: 'startEvent',
        end: 'endEvent',
        decision: 'exclusiveGateway',
        fork: 'parallelGateway',
        join: 'parallelGateway',
      }[n.type];
      const extra = n.type === 'decision' ? ` ${mutuAttrs(n)}` : ` alur:id="${x(n.id)}"`;
      const label = n.kegiatan ? ` name="${x(n.kegiatan)}"` : '';
      out.push(`    <bpmn:${tag} id="${id}"${label}${extra}>`);
      out.push(...doc_, ...refs);
      out.push(`    </bpmn:${tag}>`);
    }
  }
  for (const t of timers) {
    out.push(
      `    <bpmn:boundaryEvent id="${t.id}" name="Mutu Baku ${x(formatWaktu(t.task.mutuBaku.waktu))}" cancelActivity="false" attachedToRef="${bpmnNodeId(t.task)}">`,
    );
    out.push(`      <bpmn:timerEventDefinition id="${t.id}_def">`);
    out.push(
      `        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${formatIsoDuration(t.task.mutuBaku.waktu!)}</bpmn:timeDuration>`,
    );
    out.push('      </bpmn:timerEventDefinition>');
    out.push('    </bpmn:boundaryEvent>');
  }
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const e of doc.edges) {
    const s = nodes.get(e.source);
    const t = nodes.get(e.target);
    if (!s || !t) continue;
    const label = e.label ? ` name="${e.label}"` : '';
    out.push(
      `    <bpmn:sequenceFlow id="${flowXmlId(e.id)}"${label} sourceRef="${bpmnNodeId(s)}" targetRef="${bpmnNodeId(t)}" alur:id="${x(e.id)}" />`,
    );
  }
  out.push('  </bpmn:process>');
  out.push(...writeDiagram(doc, layout, timers));
  out.push('</bpmn:definitions>');
  return `${out.join('\n')}\n`;
}

const bounds = (b: Box) => `<dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" />`;

function writeDiagram(
  doc: SopDocument,
  layout: ReturnType<typeof layoutBpmn>,
  timers: { id: string; task: SopNode }[],
): string[] {
  const out = [
    '  <bpmndi:BPMNDiagram id="Diagram_1">',
    '    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Collaboration_1">',
  ];
  const shape = (el: string, b: Box, extra = '') =>
    out.push(
      `      <bpmndi:BPMNShape id="${el}_di" bpmnElement="${el}"${extra}>${bounds(b)}</bpmndi:BPMNShape>`,
    );
  shape('Participant_1', layout.pool, ' isHorizontal="true"');
  for (const l of doc.lanes) shape(laneXmlId(l), layout.lanes.get(l.id)!, ' isHorizontal="true"');
  for (const n of doc.nodes) {
    shape(bpmnNodeId(n), layout.nodes.get(n.id)!, n.type === 'decision' ? ' isMarkerVisible="true"' : '');
  }
  for (const t of timers) {
    const b = layout.nodes.get(t.task.id)!;
    shape(t.id, { x: b.x + b.w - 28, y: b.y + b.h - 18, w: 36, h: 36 });
  }
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const e of doc.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    const pts = routeFlow(layout.nodes.get(e.source)!, layout.nodes.get(e.target)!);
    out.push(`      <bpmndi:BPMNEdge id="${flowXmlId(e.id)}_di" bpmnElement="${flowXmlId(e.id)}">`);
    for (const [px, py] of pts) out.push(`        <di:waypoint x="${px}" y="${py}" />`);
    out.push('      </bpmndi:BPMNEdge>');
  }
  out.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>');
  return out;
}
