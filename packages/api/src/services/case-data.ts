import {
  checkFormData,
  type DataField,
  describeForm,
  type FormField,
  type FormIssue,
  isPersonalField,
  maskCaseData,
  maskFieldValue,
  type SopDocument,
} from '@alur/schema';
import type { Query } from '../db/raw.ts';
import type { AuditEntry } from '../engine/store/case-writer.ts';
import type { CaseDataAmendment } from '../engine/store/store.ts';
import { AppError } from '../errors.ts';

/**
 * The case file's values (UU 27/2022 aware): checking a form's submission against the SOP, the
 * patch and audit events it writes, and what each reader may see. File fields hold no value in
 * `cases.data`: their files are `case_files` rows, and a form's file value is their ids.
 */

type FormDocument = Pick<SopDocument, 'nodes' | 'dataFields'>;

/**
 * `describeForm` once per document object and node: every completion asks for its step's form,
 * which rebuilt a map of all the SOP's data fields and scanned its nodes. The documents here are
 * published versions (the store's parsed, cached, never changed ones), so a form stays what it
 * was; callers only read it.
 */
const forms = new WeakMap<FormDocument, Map<string, readonly FormField[]>>();

function formOf(document: FormDocument, nodeId: string): readonly FormField[] {
  let byNode = forms.get(document);
  if (!byNode) {
    byNode = new Map();
    forms.set(document, byNode);
  }
  let form = byNode.get(nodeId);
  if (!form) {
    form = describeForm(document, nodeId);
    byNode.set(nodeId, form);
  }
  return form;
}

/** The start node's id (its fields are the start form), or null for a document without one. */
export function startNodeId(document: Pick<SopDocument, 'nodes'>): string | null {
  return document.nodes.find((n) => n.type === 'start')?.id ?? null;
}

/** A form submission that does not pass: 400, every issue with its field key as `path`. */
export function invalidFormData(issues: FormIssue[]): AppError {
  const first = issues[0];
  const fields = [...new Set(issues.map((i) => i.path).filter(Boolean))].join(', ');
  return new AppError(
    'BAD_REQUEST',
    'INVALID_FORM_DATA',
    {
      id: issues.length === 1 && first ? first.message : `Data formulir belum benar (${fields}).`,
      en: issues.length === 1 && first ? first.messageEn : `The form data is not valid (${fields}).`,
    },
    { issues },
  );
}

const FILE_NOT_OURS = (field: FormField): Omit<FormIssue, 'path'> => ({
  code: 'FILE_INVALID',
  message: `Berkas pada "${field.label}" tidak ditemukan di antara unggahan untuk kolom ini; unggah ulang.`,
  messageEn: `A file in "${field.label}" is not among the uploads for this field; upload it again.`,
});

/**
 * Checks `data` against the form of `nodeId` and returns the patch of non-file values that
 * changed, with one `data.changed` audit event per changed field (personal values masked: the
 * audit is append-only, so it must never hold what retention will erase).
 *
 * `current` is the case's stored values; `filesByField` the ids of the files each file field
 * already holds (for "required"), and `allowedFileIds` the ids a submitted file value may name.
 */
export function checkSubmission(input: {
  document: Pick<SopDocument, 'nodes' | 'dataFields'>;
  nodeId: string;
  data: unknown;
  current: Readonly<Record<string, unknown>>;
  filesByField: ReadonlyMap<string, readonly string[]>;
  allowedFileIds: (field: string) => ReadonlySet<string>;
  currentYear: number;
  taskId: string | null;
}): { patch: Record<string, unknown>; fileIds: string[]; audits: AuditEntry[] } {
  const form = formOf(input.document, input.nodeId);
  const current: Record<string, unknown> = { ...input.current };
  for (const [field, ids] of input.filesByField) current[field] = [...ids];
  // validateFormData(document, nodeId, …), on the form already described.
  const result = checkFormData(form, input.data ?? {}, {
    current,
    currentYear: input.currentYear,
  });
  if (!result.ok) throw invalidFormData(result.issues);
  const issues: FormIssue[] = [];
  const patch: Record<string, unknown> = {};
  const fileIds: string[] = [];
  const audits: AuditEntry[] = [];
  const byKey = new Map(form.map((f) => [f.key, f]));
  const fieldsByKey = new Map(input.document.dataFields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(result.values)) {
    const field = byKey.get(key)!;
    if (field.type === 'file') {
      const allowed = input.allowedFileIds(key);
      const ids = (value ?? []) as string[];
      if (ids.some((id) => !allowed.has(id))) issues.push({ path: key, ...FILE_NOT_OURS(field) });
      else fileIds.push(...ids);
      continue;
    }
    const before = input.current[key] ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    patch[key] = value;
    const definition = fieldsByKey.get(key)!;
    audits.push({
      action: 'data.changed',
      taskId: input.taskId,
      nodeId: input.nodeId,
      data: {
        key,
        label: definition.label,
        personal: isPersonalField(definition),
        old: maskFieldValue(definition, before),
        new: maskFieldValue(definition, value),
      },
    });
  }
  if (issues.length > 0) throw invalidFormData(issues);
  return { patch, fileIds, audits };
}

/** $1 case id: the ids of the case's files per field. */
const FILES_OF_CASE = `select field, array_agg(file_id::text order by uploaded_at, file_id) as ids
  from case_files where case_id = $1::uuid group by field`;

/**
 * The amendment `task.complete` makes to the case file: the completed step's form, checked under
 * the case's lock against the values as the last command left them.
 */
export function completionAmendment(data: unknown, currentYear: number): CaseDataAmendment {
  return async ({ q, document, caseRow, task }) => {
    if (!task) return { data: null, audits: [] };
    const form = formOf(document, task.nodeId);
    if (form.length === 0) {
      if (data !== undefined && Object.keys(data as object).length > 0) {
        throw invalidFormData(
          Object.keys(data as object).map((key) => ({
            path: key,
            code: 'NOT_ON_FORM' as const,
            message: `Data "${key}" tidak ada pada formulir langkah ini.`,
            messageEn: `"${key}" is not on this step's form.`,
          })),
        );
      }
      return { data: null, audits: [] };
    }
    const filesByField = form.some((f) => f.type === 'file')
      ? await filesOfCase(q, caseRow.id)
      : new Map<string, string[]>();
    const checked = checkSubmission({
      document,
      nodeId: task.nodeId,
      data,
      current: (caseRow.data ?? {}) as Record<string, unknown>,
      filesByField,
      allowedFileIds: (field) => new Set(filesByField.get(field) ?? []),
      currentYear,
      taskId: task.id,
    });
    return {
      data: Object.keys(checked.patch).length > 0 ? checked.patch : null,
      audits: checked.audits,
    };
  };
}

async function filesOfCase(q: Query, caseId: string): Promise<Map<string, string[]>> {
  const rows = await q<{ field: string; ids: string[] }>(FILES_OF_CASE, [caseId]);
  return new Map(rows.map((r) => [r.field, r.ids]));
}

/** A node's form with the case's values (personal ones masked), as `task.get` returns it. */
export function formWithValues(
  document: Pick<SopDocument, 'nodes' | 'dataFields'>,
  nodeId: string,
  data: Readonly<Record<string, unknown>>,
  files: readonly { fileId: string; field: string }[],
): (FormField & { value: unknown })[] {
  return formOf(document, nodeId).map((field) => ({
    ...field,
    value:
      field.type === 'file'
        ? files.filter((f) => f.field === field.key).map((f) => f.fileId)
        : field.personal
          ? maskFieldValue(field, data[field.key] ?? null)
          : (data[field.key] ?? null),
  }));
}

/** The case's values as lists and pages show them: every personal value masked. */
export function maskedCaseData(
  dataFields: readonly DataField[],
  data: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> {
  return maskCaseData(dataFields, data ?? {});
}
