/// <reference path="./bpmn-moddle.d.ts" />
import { type Lane, parseWaktu, type SopNode, type Waktu } from '@alur/schema';
import type { ModdleElement } from 'bpmn-moddle';

export type Msg = { id: string; en: string };
export const attr = (el: ModdleElement, name: string) => el.$attrs?.[name];
export const list = (v: unknown) => (Array.isArray(v) ? (v as ModdleElement[]) : []);

/** Makes a position key ("Kepala Seksi" → "kepala-seksi"). */
function slugKey(s: string): string {
  const k = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return k || 'pelaksana';
}

/** Lanes of the process (nested lane sets flattened to their leaves), bound by alur: attributes or names. */
export function readLanes(
  proc: ModdleElement,
  takeId: (el: ModdleElement, p: string) => string,
  notes: Msg[],
) {
  const leaves: ModdleElement[] = [];
  const visit = (set: unknown) => {
    for (const l of list((set as ModdleElement | undefined)?.lanes)) {
      if (l.childLaneSet && list((l.childLaneSet as ModdleElement).lanes).length) visit(l.childLaneSet);
      else leaves.push(l);
    }
  };
  for (const s of list(proc.laneSets)) visit(s);
  const refs = leaves.map((el) => {
    const id = takeId(el, 'lane');
    const nameText = el.name?.trim() || id;
    const kind = attr(el, 'alur:kind');
    const groups = list(el.flowNodeRef)
      .map((n) => attr(n, 'camunda:candidateGroups'))
      .find(Boolean);
    const key = attr(el, 'alur:positionKey') ?? groups?.split(',')[0]?.trim() ?? slugKey(nameText);
    const lane: Lane =
      kind === 'unbound'
        ? { id, name: nameText, kind: 'unbound' }
        : kind === 'external'
          ? { id, name: nameText, kind: 'external', recordedBy: slugKey(attr(el, 'alur:recordedBy') ?? key) }
          : {
              id,
              name: nameText,
              kind: 'position',
              positionKey: /^[a-z0-9][a-z0-9_-]*$/.test(key) ? key : slugKey(key),
            };
    return { el, lane };
  });
  if (refs.length === 0) {
    notes.push({
      id: 'Diagram tanpa lajur: satu lajur "Pelaksana" dibuat.',
      en: 'The diagram has no lanes: one lane "Pelaksana" is made.',
    });
    return { refs, lanes: [{ id: 'pelaksana', name: 'Pelaksana', kind: 'unbound' } as Lane] };
  }
  return { refs, lanes: refs.map((r) => r.lane) };
}

/** Top-left corner of every diagram shape, by element. */
export function readBounds(defs: ModdleElement): Map<ModdleElement, { x: number; y: number }> {
  const out = new Map<ModdleElement, { x: number; y: number }>();
  for (const d of list(defs.diagrams)) {
    for (const s of list((d.plane as ModdleElement | undefined)?.planeElement)) {
      const b = s.bounds as { x: number; y: number } | undefined;
      if (s.$type === 'bpmndi:BPMNShape' && b && s.bpmnElement)
        out.set(s.bpmnElement as ModdleElement, { x: b.x, y: b.y });
    }
  }
  return out;
}

/** One Alur node from a BPMN element; waktu from alur:waktu, else from a timer on the task. */
export function buildNode(
  el: ModdleElement,
  type: SopNode['type'],
  id: string,
  laneId: string,
  timer: Waktu | null,
  bounds: Map<ModdleElement, { x: number; y: number }>,
  notes: Msg[],
): SopNode {
  let waktu = timer;
  const text = attr(el, 'alur:waktu');
  if (text !== undefined) {
    const r = parseWaktu(text, `${id}.waktu`);
    if (r.ok) waktu = r.waktu;
    else notes.push({ id: r.error.id, en: r.error.en });
  }
  let kelengkapan: string[] = [];
  try {
    const k = JSON.parse(attr(el, 'alur:kelengkapan') ?? '[]');
    if (Array.isArray(k)) kelengkapan = k.map(String);
  } catch {
    kelengkapan = [attr(el, 'alur:kelengkapan') ?? ''];
  }
  const docs = list(el.documentation)
    .map((d) => String(d.text ?? ''))
    .join('\n');
  const step = type === 'activity' || type === 'decision';
  return {
    id,
    type,
    laneId,
    kegiatan: step ? (el.name ?? '') : '',
    mutuBaku: {
      kelengkapan: step ? kelengkapan : [],
      waktu: step ? waktu : null,
      output: step ? (attr(el, 'alur:output') ?? '') : '',
    },
    keterangan: attr(el, 'alur:keterangan') ?? docs,
    position: bounds.get(el) ?? { x: 0, y: 0 },
    // BPMN carries the flow, not Alur's forms: the case file travels in the JSON export.
    fields: [],
  };
}
