// The zod-free half of forms (describe a node's form, check submitted data), shared by the server
// and the phone runtime through `@alur/schema/core`; `form-schema.ts` adds the zod schema.
import type { DataField } from './data-fields.ts';
import type { SopDocument } from './document.ts';
import { type FieldMode, isFillingMode, isPersonalField } from './field-rules.ts';
import { cleanFieldValue, type FormIssue, isEmptyValue } from './form-values.ts';

/** A field as one node's form shows it. */
export interface FormField {
  key: string;
  label: string;
  type: DataField['type'];
  mode: FieldMode;
  personal: boolean;
  options?: string[];
  multiple?: boolean;
  kelengkapan?: string;
}

export interface FormOptions {
  /**
   * The case's values before this submission (file fields: their file ids). A required field
   * already filled, or a required file already uploaded, need not be sent again.
   */
  current?: Readonly<Record<string, unknown>>;
  /** Resolves the century of a NIK's year of birth; pure code takes it as a parameter. */
  currentYear?: number;
}

export type FormResult = { ok: true; values: Record<string, unknown> } | { ok: false; issues: FormIssue[] };

/**
 * The form of a node (the start node's = the start form, a step's = its task form), in the
 * order the designer placed the fields. Keys without a data field are left out (validation
 * reports them).
 */
export function describeForm(doc: Pick<SopDocument, 'nodes' | 'dataFields'>, nodeId: string): FormField[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const byKey = new Map(doc.dataFields.map((f) => [f.key, f]));
  const form: FormField[] = [];
  const seen = new Set<string>();
  for (const { key, mode } of node.fields) {
    const field = byKey.get(key);
    if (!field || seen.has(key)) continue;
    seen.add(key);
    form.push({
      key,
      label: field.label,
      type: field.type,
      mode,
      personal: isPersonalField(field),
      ...(field.type === 'choice' ? { options: field.options ?? [] } : {}),
      ...(field.type === 'file' ? { multiple: field.multiple ?? false } : {}),
      ...(field.type === 'file' && field.kelengkapan ? { kelengkapan: field.kelengkapan } : {}),
    });
  }
  return form;
}

/**
 * Checks the `data` of `case.start` (start node) or `task.complete` (a step) against the node's
 * form. Returns the cleaned values of the submitted keys (null clears a value), or every issue at
 * once with `path` = the field key and an Indonesian message. Used by the browser and the server.
 */
export function validateFormData(
  doc: Pick<SopDocument, 'nodes' | 'dataFields'>,
  nodeId: string,
  data: unknown,
  options: FormOptions = {},
): FormResult {
  return checkFormData(describeForm(doc, nodeId), data, options);
}

/**
 * validateFormData on a form already described (what `task.get` and `case.startForm` return), so
 * a client holding only the form runs the very checks the server runs.
 */
export function checkFormData(
  form: readonly Omit<FormField, 'personal'>[],
  data: unknown,
  options: FormOptions = {},
): FormResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          code: 'WRONG_TYPE',
          message: 'Data formulir harus berupa objek {kunci: nilai}.',
          messageEn: 'Form data must be an object {key: value}.',
        },
      ],
    };
  }
  const submitted = data as Record<string, unknown>;
  const byKey = new Map(form.map((f) => [f.key, f]));
  const issues: FormIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(submitted)) {
    const field = byKey.get(key);
    if (!field) {
      issues.push({
        path: key,
        code: 'NOT_ON_FORM',
        message: `Data "${key}" tidak ada pada formulir langkah ini.`,
        messageEn: `"${key}" is not on this step's form.`,
      });
      continue;
    }
    if (!isFillingMode(field.mode)) {
      issues.push({
        path: key,
        code: 'READ_ONLY',
        message: `"${field.label}" hanya dapat dibaca pada langkah ini.`,
        messageEn: `"${field.label}" is read-only at this step.`,
      });
      continue;
    }
    if (isEmptyValue(value)) {
      values[key] = null;
      continue;
    }
    const cleaned = cleanFieldValue(field, value, options);
    if (cleaned.ok) values[key] = cleaned.value;
    else issues.push({ path: key, ...cleaned.issue });
  }
  for (const field of form) {
    if (field.mode !== 'require' || issues.some((i) => i.path === field.key)) continue;
    const value = field.key in values ? values[field.key] : options.current?.[field.key];
    if (isEmptyValue(value)) {
      issues.push(
        field.type === 'file'
          ? {
              path: field.key,
              code: 'REQUIRED',
              message: `Berkas "${field.label}" wajib diunggah.`,
              messageEn: `The file "${field.label}" is required.`,
            }
          : {
              path: field.key,
              code: 'REQUIRED',
              message: `"${field.label}" wajib diisi.`,
              messageEn: `"${field.label}" is required.`,
            },
      );
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}
