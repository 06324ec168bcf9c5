import { isStepNode, type SopDocument } from './document.ts';
import { matchForksAndJoins } from './fork-join.ts';
import { buildGraph, findReachable, findReaching } from './graph.ts';
import { checkDataFields } from './validation-fields.ts';

/** Stable codes of validation issues; the UI, the API and the CLI key on these. */
export const VALIDATION_CODES = [
  'DUPLICATE_ID',
  'NO_START',
  'MULTIPLE_START',
  'NO_END',
  'NODE_LANE_MISSING',
  'EDGE_ENDPOINT_MISSING',
  'START_HAS_INCOMING',
  'START_EXITS',
  'END_HAS_OUTGOING',
  'STEP_EXITS',
  'STEP_NO_INCOMING',
  'DECISION_EXITS',
  'EDGE_LABEL_NOT_DECISION',
  'NODE_UNREACHABLE',
  'NODE_CANNOT_REACH_END',
  'KEGIATAN_EMPTY',
  'LANE_UNBOUND',
  'LANE_EMPTY_NAME',
  'WAKTU_INVALID',
  'FORK_EXITS',
  'JOIN_ENTRIES',
  'FORK_JOIN_UNBALANCED',
  'ROW_ORDER_STALE',
  'FIELD_KEY_DUPLICATE',
  'FIELD_LABEL_EMPTY',
  'FIELD_CHOICE_NO_OPTIONS',
  'FIELD_UNKNOWN',
  'FIELD_ON_NON_FORM_NODE',
  'FIELD_KELENGKAPAN_NOT_LISTED',
  'FIELD_READ_NEVER_FILLED',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export interface ValidationIssue {
  code: ValidationCode;
  severity: 'error' | 'warning';
  /** The element concerned, so the designer can select it. */
  element: { kind: 'document' | 'lane' | 'node' | 'edge'; id?: string };
  /** The field of the element, where one is at fault ("kegiatan", "mutuBaku.waktu", …). */
  field?: string;
  message: { id: string; en: string };
}

type Emit = (issue: Omit<ValidationIssue, 'severity'> & { severity?: ValidationIssue['severity'] }) => void;

const label = (n: { kegiatan: string; type: string; id: string }) =>
  n.kegiatan.trim() ? `"${n.kegiatan.trim().slice(0, 40)}${n.kegiatan.trim().length > 40 ? '…' : ''}"` : n.id;

/**
 * Checks a document against the rules of DOMAIN §3. Returns data, never throws; the designer shows
 * the issues live, the server refuses to publish while any has severity `error`.
 */
export function validateSop(doc: SopDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const emit: Emit = (i) => issues.push({ severity: 'error', ...i });
  checkIds(doc, emit);
  checkLanes(doc, emit);
  checkStructure(doc, emit);
  checkSteps(doc, emit);
  checkDataFields(doc, emit, label);
  return issues;
}

/** True when the document may be published: no issue of severity `error`. */
export function isPublishable(issues: ValidationIssue[]): boolean {
  return !issues.some((i) => i.severity === 'error');
}

function checkIds(doc: SopDocument, emit: Emit) {
  const seen = new Set<string>();
  for (const [kind, list] of [
    ['lane', doc.lanes],
    ['node', doc.nodes],
    ['edge', doc.edges],
  ] as const) {
    for (const el of list) {
      if (seen.has(el.id)) {
        emit({
          code: 'DUPLICATE_ID',
          element: { kind, id: el.id },
          message: {
            id: `Id "${el.id}" dipakai lebih dari sekali.`,
            en: `Id "${el.id}" is used more than once.`,
          },
        });
      }
      seen.add(el.id);
    }
  }
}

function checkLanes(doc: SopDocument, emit: Emit) {
  for (const lane of doc.lanes) {
    if (!lane.name.trim()) {
      emit({
        code: 'LANE_EMPTY_NAME',
        element: { kind: 'lane', id: lane.id },
        field: 'name',
        message: { id: 'Nama pelaksana (lajur) kosong.', en: 'The lane (pelaksana) has no name.' },
      });
    }
    if (lane.kind === 'unbound') {
      emit({
        code: 'LANE_UNBOUND',
        element: { kind: 'lane', id: lane.id },
        field: 'positionKey',
        message: {
          id: `Lajur "${lane.name}" belum dikaitkan dengan jabatan.`,
          en: `Lane "${lane.name}" is not bound to a position.`,
        },
      });
    }
  }
  const laneIds = new Set(doc.lanes.map((l) => l.id));
  for (const n of doc.nodes) {
    if (!laneIds.has(n.laneId)) {
      emit({
        code: 'NODE_LANE_MISSING',
        element: { kind: 'node', id: n.id },
        field: 'laneId',
        message: {
          id: `Langkah ${label(n)} tidak berada di lajur mana pun.`,
          en: `Step ${label(n)} is not in any lane.`,
        },
      });
    }
  }
}

function checkStructure(doc: SopDocument, emit: Emit) {
  const graph = buildGraph(doc);
  for (const e of doc.edges) {
    if (!graph.nodes.has(e.source) || !graph.nodes.has(e.target)) {
      emit({
        code: 'EDGE_ENDPOINT_MISSING',
        element: { kind: 'edge', id: e.id },
        message: {
          id: 'Panah tidak tersambung ke dua langkah yang ada.',
          en: 'The arrow does not join two existing steps.',
        },
      });
    }
  }
  const starts = doc.nodes.filter((n) => n.type === 'start');
  const ends = doc.nodes.filter((n) => n.type === 'end');
  if (starts.length === 0) {
    emit({
      code: 'NO_START',
      element: { kind: 'document' },
      message: { id: 'SOP belum punya simbol Mulai.', en: 'The SOP has no start (Mulai).' },
    });
  }
  for (const s of starts.slice(1)) {
    emit({
      code: 'MULTIPLE_START',
      element: { kind: 'node', id: s.id },
      message: {
        id: 'SOP hanya boleh punya satu simbol Mulai.',
        en: 'An SOP has exactly one start (Mulai).',
      },
    });
  }
  if (ends.length === 0) {
    emit({
      code: 'NO_END',
      element: { kind: 'document' },
      message: { id: 'SOP belum punya simbol Selesai.', en: 'The SOP has no end (Selesai).' },
    });
  }
  for (const n of doc.nodes) {
    const outs = graph.outgoing.get(n.id)!;
    const ins = graph.incoming.get(n.id)!;
    const at = { kind: 'node' as const, id: n.id };
    switch (n.type) {
      case 'start':
        if (ins.length > 0)
          emit({
            code: 'START_HAS_INCOMING',
            element: at,
            message: { id: 'Tidak boleh ada panah masuk ke Mulai.', en: 'No arrow may enter the start.' },
          });
        if (outs.length !== 1)
          emit({
            code: 'START_EXITS',
            element: at,
            message: {
              id: 'Mulai harus punya tepat satu panah keluar.',
              en: 'The start must have exactly one outgoing arrow.',
            },
          });
        break;
      case 'end':
        if (outs.length > 0)
          emit({
            code: 'END_HAS_OUTGOING',
            element: at,
            message: { id: 'Tidak boleh ada panah keluar dari Selesai.', en: 'No arrow may leave an end.' },
          });
        break;
      case 'activity':
        if (outs.length !== 1)
          emit({
            code: 'STEP_EXITS',
            element: at,
            message: {
              id: `Kegiatan ${label(n)} harus punya tepat satu panah keluar (ada ${outs.length}); gunakan keputusan atau percabangan paralel.`,
              en: `Activity ${label(n)} must have exactly one outgoing arrow (has ${outs.length}); use a decision or a fork.`,
            },
          });
        break;
      case 'decision': {
        const ya = outs.filter((e) => e.label === 'ya').length;
        const tidak = outs.filter((e) => e.label === 'tidak').length;
        if (ya !== 1 || tidak !== 1 || outs.length !== 2)
          emit({
            code: 'DECISION_EXITS',
            element: at,
            message: {
              id: `Keputusan ${label(n)} harus punya tepat satu jalur "ya" dan satu jalur "tidak" (ada ${ya} ya, ${tidak} tidak, ${outs.length} panah).`,
              en: `Decision ${label(n)} needs exactly one "ya" and one "tidak" exit (has ${ya} ya, ${tidak} tidak, ${outs.length} arrows).`,
            },
          });
        break;
      }
      case 'fork':
        if (outs.length < 2 || ins.length !== 1)
          emit({
            code: 'FORK_EXITS',
            element: at,
            message: {
              id: 'Percabangan paralel butuh satu panah masuk dan paling sedikit dua panah keluar.',
              en: 'A fork needs one incoming and at least two outgoing arrows.',
            },
          });
        break;
      case 'join':
        if (ins.length < 2 || outs.length !== 1)
          emit({
            code: 'JOIN_ENTRIES',
            element: at,
            message: {
              id: 'Penggabungan paralel butuh paling sedikit dua panah masuk dan satu panah keluar.',
              en: 'A join needs at least two incoming arrows and one outgoing arrow.',
            },
          });
        break;
    }
    if (isStepNode(n) && ins.length === 0 && starts.length > 0) {
      emit({
        code: 'STEP_NO_INCOMING',
        element: at,
        message: { id: `Tidak ada panah menuju ${label(n)}.`, en: `No arrow leads to ${label(n)}.` },
      });
    }
  }
  for (const e of doc.edges) {
    const src = graph.nodes.get(e.source);
    if (e.label && src && src.type !== 'decision') {
      emit({
        code: 'EDGE_LABEL_NOT_DECISION',
        severity: 'warning',
        element: { kind: 'edge', id: e.id },
        message: {
          id: `Label "${e.label}" hanya berlaku pada jalur keluar keputusan.`,
          en: `The label "${e.label}" only applies to a decision's exits.`,
        },
      });
    }
  }
  if (starts.length > 0) {
    const reachable = findReachable(graph, [starts[0]!.id]);
    for (const n of doc.nodes) {
      if (!reachable.has(n.id)) {
        emit({
          code: 'NODE_UNREACHABLE',
          element: { kind: 'node', id: n.id },
          message: {
            id: `Langkah ${label(n)} tidak dapat dicapai dari Mulai.`,
            en: `Step ${label(n)} cannot be reached from the start.`,
          },
        });
      }
    }
  }
  if (ends.length > 0) {
    const reaching = findReaching(
      graph,
      ends.map((n) => n.id),
    );
    for (const n of doc.nodes) {
      if (!reaching.has(n.id)) {
        emit({
          code: 'NODE_CANNOT_REACH_END',
          element: { kind: 'node', id: n.id },
          message: {
            id: `Dari langkah ${label(n)} tidak ada jalan menuju Selesai.`,
            en: `No path leads from step ${label(n)} to an end.`,
          },
        });
      }
    }
  }
  const fj = matchForksAndJoins(graph);
  for (const id of [...fj.unbalancedForks, ...fj.unmatchedJoins]) {
    emit({
      code: 'FORK_JOIN_UNBALANCED',
      element: { kind: 'node', id },
      message: {
        id: 'Percabangan dan penggabungan paralel tidak seimbang: semua cabang harus bertemu di satu penggabungan sebelum Selesai.',
        en: 'Fork and join are unbalanced: every branch must meet at one join before the end.',
      },
    });
  }
}

function checkSteps(doc: SopDocument, emit: Emit) {
  const steps = doc.nodes.filter(isStepNode);
  for (const n of steps) {
    if (!n.kegiatan.trim()) {
      emit({
        code: 'KEGIATAN_EMPTY',
        element: { kind: 'node', id: n.id },
        field: 'kegiatan',
        message: { id: `Kegiatan langkah ${n.id} masih kosong.`, en: `Step ${n.id} has no Kegiatan.` },
      });
    }
    const w = n.mutuBaku.waktu;
    if (w && !(Number.isFinite(w.amount) && w.amount > 0)) {
      emit({
        code: 'WAKTU_INVALID',
        element: { kind: 'node', id: n.id },
        field: 'mutuBaku.waktu',
        message: {
          id: `Waktu pada ${label(n)} harus angka lebih dari 0.`,
          en: `Waktu of ${label(n)} must be a number above 0.`,
        },
      });
    }
  }
  const stepIds = new Set(steps.map((n) => n.id));
  const listed = new Set(doc.rowOrder);
  const stale =
    doc.rowOrder.some((id) => !stepIds.has(id)) ||
    steps.some((n) => !listed.has(n.id)) ||
    listed.size !== doc.rowOrder.length;
  if (stale) {
    emit({
      code: 'ROW_ORDER_STALE',
      severity: 'warning',
      element: { kind: 'document' },
      field: 'rowOrder',
      message: {
        id: 'Urutan baris tabel tidak memuat semua langkah; langkah yang belum diurutkan dicetak menurut posisinya.',
        en: 'The row order does not list every step; unlisted steps are printed by their position.',
      },
    });
  }
}
