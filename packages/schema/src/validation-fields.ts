import { isFillingMode, normalizeKelengkapan } from './data-fields.ts';
import { isStepNode, type SopDocument, type SopNode } from './document.ts';
import { nameNode } from './element-name.ts';
import { buildGraph, findReaching } from './graph.ts';
import type { ValidationIssue } from './validation.ts';

type Emit = (issue: Omit<ValidationIssue, 'severity'> & { severity?: ValidationIssue['severity'] }) => void;

/**
 * The rules of the case file: data field definitions and the forms placed on nodes. Nodes are named
 * in messages as the other rules name them (`nameNode`).
 */
export function checkDataFields(doc: SopDocument, emit: Emit): void {
  const byKey = new Map<string, SopDocument['dataFields'][number]>();
  for (const f of doc.dataFields) {
    const at = { kind: 'document' as const };
    if (byKey.has(f.key)) {
      emit({
        code: 'FIELD_KEY_DUPLICATE',
        element: at,
        field: `dataFields.${f.key}`,
        message: {
          id: `Kunci data "${f.key}" dipakai lebih dari sekali.`,
          en: `The data key "${f.key}" is used more than once.`,
        },
      });
      continue;
    }
    byKey.set(f.key, f);
    if (!f.label.trim()) {
      emit({
        code: 'FIELD_LABEL_EMPTY',
        element: at,
        field: `dataFields.${f.key}`,
        message: { id: `Data "${f.key}" belum punya label.`, en: `The data field "${f.key}" has no label.` },
      });
    }
    if (f.type === 'choice' && (f.options ?? []).filter((o) => o.trim()).length === 0) {
      emit({
        code: 'FIELD_CHOICE_NO_OPTIONS',
        element: at,
        field: `dataFields.${f.key}`,
        message: {
          id: `Pilihan "${f.label || f.key}" belum punya opsi.`,
          en: `The choice "${f.label || f.key}" has no options.`,
        },
      });
    }
  }

  // The start form is named as such; steps by row number and text, never by id.
  const where = (n: SopNode) => (n.type === 'start' ? { id: 'Mulai', en: 'the start' } : nameNode(doc, n));
  const graph = buildGraph(doc);
  const stepLists = doc.nodes
    .filter(isStepNode)
    .flatMap((n) => n.mutuBaku.kelengkapan.map(normalizeKelengkapan));
  for (const n of doc.nodes) {
    if (n.fields.length === 0) continue;
    const at = { kind: 'node' as const, id: n.id };
    if (!isStepNode(n) && n.type !== 'start') {
      emit({
        code: 'FIELD_ON_NON_FORM_NODE',
        severity: 'warning',
        element: at,
        field: 'fields',
        message: {
          id: 'Formulir hanya berlaku pada Mulai dan pada langkah (kegiatan atau keputusan); data di sini diabaikan.',
          en: 'Forms apply only to the start and to steps (activities, decisions); these fields are ignored.',
        },
      });
      continue;
    }
    const seen = new Set<string>();
    for (const { key, mode } of n.fields) {
      if (seen.has(key)) {
        emit({
          code: 'FIELD_KEY_DUPLICATE',
          element: at,
          field: `fields.${key}`,
          message: {
            id: `Data "${key}" muncul dua kali pada formulir ${where(n).id}.`,
            en: `"${key}" appears twice on the form of ${where(n).en}.`,
          },
        });
        continue;
      }
      seen.add(key);
      const field = byKey.get(key);
      if (!field) {
        emit({
          code: 'FIELD_UNKNOWN',
          element: at,
          field: `fields.${key}`,
          message: {
            id: `Formulir ${where(n).id} memakai data "${key}" yang tidak ada di Data kasus.`,
            en: `The form of ${where(n).en} uses "${key}", which is not a case data field.`,
          },
        });
        continue;
      }
      if (field.type === 'file' && field.kelengkapan && isFillingMode(mode)) {
        const item = normalizeKelengkapan(field.kelengkapan);
        const listed = isStepNode(n) ? n.mutuBaku.kelengkapan.map(normalizeKelengkapan) : stepLists;
        if (!listed.includes(item)) {
          emit({
            code: 'FIELD_KELENGKAPAN_NOT_LISTED',
            element: at,
            field: `fields.${key}`,
            message: isStepNode(n)
              ? {
                  id: `Berkas "${field.label}" memenuhi kelengkapan "${field.kelengkapan}", tetapi ${where(n).id} tidak mencantumkannya di Kelengkapan.`,
                  en: `The file "${field.label}" satisfies the requirement "${field.kelengkapan}", but ${where(n).en} does not list it under Kelengkapan.`,
                }
              : {
                  id: `Berkas "${field.label}" pada formulir Mulai memenuhi kelengkapan "${field.kelengkapan}", tetapi tidak ada langkah yang mencantumkannya.`,
                  en: `The file "${field.label}" on the start form satisfies the requirement "${field.kelengkapan}", but no step lists it.`,
                },
          });
        }
      }
      if (mode === 'read' && !isFilledBefore(doc, graph, n.id, key)) {
        emit({
          code: 'FIELD_READ_NEVER_FILLED',
          element: at,
          field: `fields.${key}`,
          message: {
            id: `Formulir ${where(n).id} menampilkan "${field.label}", tetapi tidak ada langkah sebelumnya (atau formulir Mulai) yang mengisinya.`,
            en: `The form of ${where(n).en} shows "${field.label}", but no earlier step (nor the start form) fills it.`,
          },
        });
      }
    }
  }
}

/** Whether some node on a path leading to `nodeId` (the node itself excluded) fills `key`. */
function isFilledBefore(
  doc: SopDocument,
  graph: ReturnType<typeof buildGraph>,
  nodeId: string,
  key: string,
): boolean {
  const before = findReaching(graph, graph.incoming.get(nodeId)?.map((e) => e.source) ?? []);
  return doc.nodes.some(
    (m) =>
      m.id !== nodeId &&
      before.has(m.id) &&
      (isStepNode(m) || m.type === 'start') &&
      m.fields.some((f) => f.key === key && isFillingMode(f.mode)),
  );
}
