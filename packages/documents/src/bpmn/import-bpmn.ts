/// <reference path="./bpmn-moddle.d.ts" />
import {
  SCHEMA_VERSION,
  type SopDocument,
  type SopEdge,
  type SopNode,
  sopDocumentSchema,
  type Waktu,
} from '@alur/schema';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { assertXmlWithinLimits } from '../xml/xml-guard.ts';
import { parseIsoDuration } from './duration.ts';
import { attr, buildNode, list, type Msg, readBounds, readLanes } from './import-elements.ts';

export interface BpmnImportReport {
  name: string;
  /** What was read differently from the diagram (dropped elements, guessed labels …). */
  notes: Msg[];
}
export type ImportBpmnResult =
  | { ok: true; document: SopDocument; report: BpmnImportReport }
  | { ok: false; error: { code: 'NOT_BPMN' | 'NO_PROCESS' | 'INVALID_DOCUMENT'; message: Msg } };

const TASK_TYPES = new Set([
  'bpmn:UserTask',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
]);
const PASS_TYPES = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent']);

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function fail(
  code: 'NOT_BPMN' | 'NO_PROCESS' | 'INVALID_DOCUMENT',
  id: string,
  en: string,
): ImportBpmnResult {
  return { ok: false, error: { code, message: { id, en } } };
}

/**
 * Reads BPMN 2.0 XML (Alur's export, bpmn.io, Camunda Modeler): lanes, tasks, exclusive and
 * parallel gateways, start/end events, sequence flows. Intermediate events and merging gateways
 * are passed through; anything else is dropped and named in the report. The XML guard runs first:
 * a DTD, too deep a nesting or too long a text throws `XmlLimitError` (no entity is ever expanded).
 */
export async function importBpmn(xml: string): Promise<ImportBpmnResult> {
  assertXmlWithinLimits(xml);
  let parsed: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    parsed = await new BpmnModdle().fromXML(xml);
  } catch (e) {
    const d = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return fail(
      'NOT_BPMN',
      `Berkas bukan XML BPMN 2.0 yang sah (${d}).`,
      `The file is not valid BPMN 2.0 XML (${d}).`,
    );
  }
  const notes: Msg[] = parsed.warnings
    .slice(0, 20)
    .map((w) => ({ id: `Peringatan BPMN: ${w.message}`, en: `BPMN warning: ${w.message}` }));
  const roots = list(parsed.rootElement.rootElements);
  const collab = roots.find((r) => r.$type === 'bpmn:Collaboration');
  const participant = list(collab?.participants)[0];
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  const proc =
    (participant?.processRef as ModdleElement | undefined) ??
    processes.find((p) => list(p.flowElements).length > 0);
  if (!proc)
    return fail(
      'NO_PROCESS',
      'Tidak ada proses (bpmn:process) di dalam diagram.',
      'The diagram holds no process (bpmn:process).',
    );
  const name = participant?.name || proc.name || '';
  const ids = new Set<string>();
  const takeId = (el: ModdleElement, prefix: string): string => {
    const own = attr(el, 'alur:id');
    let id =
      own && ID_RE.test(own) ? own : (el.id ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60) || prefix;
    for (let n = 2; ids.has(id); n++) id = `${id.slice(0, 58)}_${n}`;
    ids.add(id);
    return id;
  };
  const lanes = readLanes(proc, takeId, notes);
  const laneOf = new Map<ModdleElement, string>();
  for (const { el, lane } of lanes.refs) for (const ref of list(el.flowNodeRef)) laneOf.set(ref, lane.id);
  const bounds = readBounds(parsed.rootElement);
  const elements = list(proc.flowElements);
  const timers = new Map<ModdleElement, Waktu>();
  for (const b of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const def = list(b.eventDefinitions).find((d) => d.$type === 'bpmn:TimerEventDefinition');
    const dur = (def?.timeDuration as ModdleElement | undefined)?.body;
    const w = typeof dur === 'string' ? parseIsoDuration(dur) : null;
    if (w && b.attachedToRef) timers.set(b.attachedToRef as ModdleElement, w);
  }
  // Count flows from the sequenceFlows: <incoming>/<outgoing> children are optional in BPMN.
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  const incoming = new Map<ModdleElement, number>();
  for (const f of flows) {
    const src = f.sourceRef as ModdleElement;
    outgoing.set(src, [...(outgoing.get(src) ?? []), f]);
    incoming.set(f.targetRef as ModdleElement, (incoming.get(f.targetRef as ModdleElement) ?? 0) + 1);
  }
  const nodeOf = new Map<ModdleElement, SopNode>();
  const pass = new Set<ModdleElement>();
  const fallbackLane = lanes.lanes[0]!.id;
  for (const el of elements) {
    const type = classify(el, outgoing.get(el)?.length ?? 0, incoming.get(el) ?? 0);
    if (type === 'flow' || type === 'boundary') continue;
    if (type === 'pass') {
      pass.add(el);
      continue;
    }
    if (type === 'drop') {
      notes.push({
        id: `Elemen ${el.$type} "${el.name ?? el.id}" diabaikan.`,
        en: `Element ${el.$type} "${el.name ?? el.id}" is dropped.`,
      });
      continue;
    }
    if (TASK_TYPES.has(el.$type) && el.$type !== 'bpmn:UserTask' && el.$type !== 'bpmn:Task') {
      notes.push({
        id: `${el.$type} "${el.name ?? el.id}" dibaca sebagai kegiatan.`,
        en: `${el.$type} "${el.name ?? el.id}" is read as an activity.`,
      });
    }
    nodeOf.set(
      el,
      buildNode(
        el,
        type,
        takeId(el, 'node'),
        laneOf.get(el) ?? fallbackLane,
        timers.get(el) ?? null,
        bounds,
        notes,
      ),
    );
  }
  const edges = readFlows(flows, outgoing, nodeOf, pass, takeId, notes);
  const nodes = [...nodeOf.values()];
  const steps = nodes.filter((n) => n.type === 'activity' || n.type === 'decision');
  const rowOrder = [...steps]
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)
    .map((n) => n.id);
  const result = sopDocumentSchema.safeParse({
    schemaVersion: SCHEMA_VERSION,
    identity: { nama: name, nomor: attr(parsed.rootElement, 'alur:nomor') ?? '' },
    lanes: lanes.lanes,
    nodes,
    edges,
    rowOrder,
  });
  if (!result.success) {
    const i = result.error.issues[0]!;
    return fail(
      'INVALID_DOCUMENT',
      `Hasil impor tidak sah (${i.path.join('.')}: ${i.message}).`,
      `The import is not a valid document (${i.path.join('.')}: ${i.message}).`,
    );
  }
  return { ok: true, document: result.data, report: { name, notes } };
}

type Kind = SopNode['type'] | 'pass' | 'drop' | 'flow' | 'boundary';

function classify(el: ModdleElement, outs: number, ins: number): Kind {
  const t = el.$type;
  if (t === 'bpmn:SequenceFlow') return 'flow';
  if (t === 'bpmn:BoundaryEvent') return 'boundary';
  if (t === 'bpmn:StartEvent') return 'start';
  if (t === 'bpmn:EndEvent') return 'end';
  if (TASK_TYPES.has(t)) return 'activity';
  if (t === 'bpmn:ExclusiveGateway' || t === 'bpmn:InclusiveGateway') return outs >= 2 ? 'decision' : 'pass';
  if (t === 'bpmn:ParallelGateway') return outs >= 2 ? 'fork' : ins >= 2 ? 'join' : 'pass';
  if (PASS_TYPES.has(t)) return 'pass';
  return 'drop';
}

const YA = /^(ya|y|yes|setuju|benar|true|lengkap)\b/i;
const TIDAK = /^(tidak|tdk|t|no|n|false|tolak|ditolak|belum)\b/i;

function readFlows(
  flows: ModdleElement[],
  outgoing: Map<ModdleElement, ModdleElement[]>,
  nodeOf: Map<ModdleElement, SopNode>,
  pass: Set<ModdleElement>,
  takeId: (el: ModdleElement, p: string) => string,
  notes: Msg[],
): SopEdge[] {
  // Follow pass-through elements (merging gateways, intermediate events) to the real target.
  const resolve = (el: ModdleElement, seen = new Set<ModdleElement>()): ModdleElement[] => {
    if (!pass.has(el)) return nodeOf.has(el) ? [el] : [];
    if (seen.has(el)) return [];
    seen.add(el);
    return (outgoing.get(el) ?? []).flatMap((f) => resolve(f.targetRef as ModdleElement, seen));
  };
  const edges: SopEdge[] = [];
  const bySource = new Map<string, SopEdge[]>();
  for (const f of flows) {
    const src = nodeOf.get(f.sourceRef as ModdleElement);
    if (!src) continue;
    for (const t of resolve(f.targetRef as ModdleElement)) {
      const edge: SopEdge = { id: takeId(f, 'flow'), source: src.id, target: nodeOf.get(t)!.id };
      const name = (f.name ?? '').trim();
      if (src.type === 'decision') {
        if (YA.test(name)) edge.label = 'ya';
        else if (TIDAK.test(name)) edge.label = 'tidak';
      }
      edges.push(edge);
      bySource.set(src.id, [...(bySource.get(src.id) ?? []), edge]);
    }
  }
  const typeOf = new Map([...nodeOf.values()].map((n) => [n.id, n.type]));
  for (const [source, exits] of bySource) {
    if (typeOf.get(source) !== 'decision') continue;
    for (const label of ['ya', 'tidak'] as const) {
      if (exits.some((e) => e.label === label)) continue;
      const free = exits.find((e) => !e.label);
      if (!free) continue;
      free.label = label;
      notes.push({
        id: `Jalur keluar keputusan ${source} tanpa nama "${label}": ditetapkan sebagai "${label}".`,
        en: `An exit of decision ${source} is not named "${label}": it is taken as "${label}".`,
      });
    }
  }
  return edges;
}
