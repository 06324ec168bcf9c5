import { isStepNode, type SopDocument, type SopNode } from './document.ts';
import { describeIssue, type ElementName, nameLane, nameNode } from './element-name.ts';
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
  /** Readable and never holds an id: "Langkah 3 «Memeriksa berkas»: …" (ids stay in `element`). */
  message: { id: string; en: string };
  /** The element's readable name ("Langkah 3 «Memeriksa berkas»"), for lists grouped by element. */
  subject?: ElementName;
  /** The message without the element's name, shown under `subject` in a grouped list. */
  detail?: ElementName;
}

type Emit = (issue: Omit<ValidationIssue, 'severity'> & { severity?: ValidationIssue['severity'] }) => void;

/** The message parts of an issue about node `n`: its readable name, then `detail`. */
const aboutNode = (doc: SopDocument, n: SopNode, detail: ElementName) =>
  describeIssue(nameNode(doc, n), detail);

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
  checkDataFields(doc, emit);
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
        const detail = {
          id: 'memakai id internal yang sudah dipakai elemen lain (berkas rusak; impor ulang atau hapus salinannya).',
          en: 'uses an internal id another element already uses (damaged file; re-import or delete the copy).',
        };
        const subject =
          kind === 'lane'
            ? nameLane(doc, el as SopDocument['lanes'][number])
            : kind === 'node'
              ? nameNode(doc, el as SopNode)
              : { id: 'Panah', en: 'An arrow' };
        emit({ code: 'DUPLICATE_ID', element: { kind, id: el.id }, ...describeIssue(subject, detail) });
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
        ...describeIssue(nameLane(doc, lane), {
          id: 'nama pelaksana masih kosong.',
          en: 'the pelaksana has no name.',
        }),
      });
    }
    if (lane.kind === 'unbound') {
      emit({
        code: 'LANE_UNBOUND',
        element: { kind: 'lane', id: lane.id },
        field: 'positionKey',
        ...describeIssue(nameLane(doc, lane), {
          id: 'belum dikaitkan dengan jabatan; pilih jabatan di katalog atau pihak luar.',
          en: 'is not bound to a position; choose a catalogue position or an outside party.',
        }),
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
        ...aboutNode(doc, n, { id: 'tidak berada di lajur mana pun.', en: 'is not in any lane.' }),
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
      ...aboutNode(doc, s, {
        id: 'berlebih; SOP hanya boleh punya satu simbol Mulai.',
        en: 'is one too many; an SOP has exactly one start (Mulai).',
      }),
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
            ...aboutNode(doc, n, { id: 'tidak boleh ada panah masuk.', en: 'no arrow may enter it.' }),
          });
        if (outs.length !== 1)
          emit({
            code: 'START_EXITS',
            element: at,
            ...aboutNode(doc, n, {
              id: `harus punya tepat satu panah keluar (ada ${outs.length}).`,
              en: `must have exactly one outgoing arrow (has ${outs.length}).`,
            }),
          });
        break;
      case 'end':
        if (outs.length > 0)
          emit({
            code: 'END_HAS_OUTGOING',
            element: at,
            ...aboutNode(doc, n, { id: 'tidak boleh ada panah keluar.', en: 'no arrow may leave it.' }),
          });
        break;
      case 'activity':
        if (outs.length !== 1)
          emit({
            code: 'STEP_EXITS',
            element: at,
            ...aboutNode(doc, n, {
              id:
                outs.length === 0
                  ? 'belum punya panah keluar.'
                  : `harus punya tepat satu panah keluar (ada ${outs.length}); gunakan keputusan atau percabangan paralel.`,
              en:
                outs.length === 0
                  ? 'has no outgoing arrow yet.'
                  : `must have exactly one outgoing arrow (has ${outs.length}); use a decision or a fork.`,
            }),
          });
        break;
      case 'decision': {
        const ya = outs.filter((e) => e.label === 'ya').length;
        const tidak = outs.filter((e) => e.label === 'tidak').length;
        if (ya !== 1 || tidak !== 1 || outs.length !== 2)
          emit({
            code: 'DECISION_EXITS',
            element: at,
            ...aboutNode(doc, n, {
              id: `keputusan ini harus punya tepat satu jalur "ya" dan satu jalur "tidak" (ada ${ya} ya, ${tidak} tidak, ${outs.length} panah).`,
              en: `this decision needs exactly one "ya" and one "tidak" exit (has ${ya} ya, ${tidak} tidak, ${outs.length} arrows).`,
            }),
          });
        break;
      }
      case 'fork':
        if (outs.length < 2 || ins.length !== 1)
          emit({
            code: 'FORK_EXITS',
            element: at,
            ...aboutNode(doc, n, {
              id: 'butuh satu panah masuk dan paling sedikit dua panah keluar.',
              en: 'needs one incoming and at least two outgoing arrows.',
            }),
          });
        break;
      case 'join':
        if (ins.length < 2 || outs.length !== 1)
          emit({
            code: 'JOIN_ENTRIES',
            element: at,
            ...aboutNode(doc, n, {
              id: 'butuh paling sedikit dua panah masuk dan satu panah keluar.',
              en: 'needs at least two incoming arrows and one outgoing arrow.',
            }),
          });
        break;
    }
    if (isStepNode(n) && ins.length === 0 && starts.length > 0) {
      emit({
        code: 'STEP_NO_INCOMING',
        element: at,
        ...aboutNode(doc, n, { id: 'belum ada panah yang menuju ke sini.', en: 'no arrow leads here yet.' }),
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
          ...aboutNode(doc, n, {
            id: 'tidak dapat dicapai dari Mulai.',
            en: 'cannot be reached from the start.',
          }),
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
          ...aboutNode(doc, n, {
            id: 'tidak punya jalan menuju Selesai.',
            en: 'has no path to an end (Selesai).',
          }),
        });
      }
    }
  }
  const fj = matchForksAndJoins(graph);
  for (const id of [...fj.unbalancedForks, ...fj.unmatchedJoins]) {
    const n = graph.nodes.get(id);
    const detail = {
      id: 'percabangan dan penggabungan paralel tidak seimbang: semua cabang harus bertemu di satu penggabungan sebelum Selesai.',
      en: 'fork and join are unbalanced: every branch must meet at one join before the end.',
    };
    emit({
      code: 'FORK_JOIN_UNBALANCED',
      element: { kind: 'node', id },
      ...(n ? aboutNode(doc, n, detail) : describeIssue({ id: 'Percabangan paralel', en: 'A fork' }, detail)),
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
        ...aboutNode(doc, n, { id: 'isi kegiatannya masih kosong.', en: 'its Kegiatan is empty.' }),
      });
    }
    const w = n.mutuBaku.waktu;
    if (w && !(Number.isFinite(w.amount) && w.amount > 0)) {
      emit({
        code: 'WAKTU_INVALID',
        element: { kind: 'node', id: n.id },
        field: 'mutuBaku.waktu',
        ...aboutNode(doc, n, {
          id: 'waktu harus angka lebih dari 0.',
          en: 'waktu must be a number above 0.',
        }),
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
