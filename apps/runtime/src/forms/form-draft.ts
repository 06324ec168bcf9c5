import {
  type ApiIssue,
  checkFormData,
  type FormField,
  type FormIssue,
  isFillingMode,
  parseNik,
} from '@alur/schema/core';

/** A form field as the API sends it: `task.get` adds the current (masked when personal) value. */
export type FormFieldView = FormField & { value?: unknown };

/** A file in a case (`case.get`/`task.get` `files`) or just uploaded (`POST /api/files`). */
export interface FileInfo {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

/** A file held by an upload slot; `existing` = already in the case before this form was opened. */
export type SlotFile = FileInfo & { existing?: boolean };

/** What a form input holds while the user types: text as typed (yesno 'ya'/'tidak'/''), files as a list. */
export type DraftValue = string | SlotFile[];

/** The inputs' state plus which fields the user changed: only those are sent. */
export interface FormDraft {
  values: Record<string, DraftValue>;
  edited: Record<string, true>;
}

const MAX_SAFE_DIGITS = 15;

/** Whole Rupiah with Indonesian thousands dots: 1500000 → "1.500.000". */
export function formatRupiah(amount: number): string {
  const digits = String(Math.trunc(Math.abs(amount)));
  return `${amount < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/**
 * Re-formats a money input as the user types: keeps the digits before a decimal comma (Rupiah has
 * no cents), drops leading zeros, groups thousands. "1500000" → "1.500.000", "Rp 2.000,50" → "2.000".
 */
export function formatMoneyTyping(text: string): string {
  const whole = text.split(',')[0] ?? '';
  const digits = whole
    .replace(/\D/g, '')
    .replace(/^0+(?=\d)/, '')
    .slice(0, MAX_SAFE_DIGITS);
  return digits === '' ? '' : formatRupiah(Number(digits));
}

/** The whole Rupiah of a money input ("1.500.000" → 1500000); null when it holds no digits. */
export function parseRupiah(text: string): number | null {
  const whole = text.trim().split(',')[0] ?? '';
  if (!/^(rp\.?\s*)?[\d.\s]+$/i.test(whole)) return null;
  const digits = whole.replace(/\D/g, '');
  if (digits === '' || digits.length > MAX_SAFE_DIGITS) return null;
  return Number(digits);
}

/** A number as an Indonesian input shows it: decimal comma, no grouping (1250.5 → "1250,5"). */
export function formatNumberInput(n: number): string {
  return String(n).replace('.', ',');
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Whether the form shows a field's current value only as a hint: a personal value arrives masked
 * (`3328********0003`), so an editable input starts empty and a masked value is never sent back.
 */
export function isMaskedCurrent(field: FormFieldView): boolean {
  return field.personal && field.type !== 'file' && !isBlank(field.value);
}

/** The input text for a stored value of a field. */
function toDraftText(field: FormFieldView): string {
  const value = field.value;
  if (isBlank(value)) return '';
  switch (field.type) {
    case 'yesno':
      return value === true ? 'ya' : value === false ? 'tidak' : '';
    case 'money':
      return typeof value === 'number' ? formatRupiah(value) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumberInput(value) : String(value);
    default:
      return String(value);
  }
}

/**
 * The starting state of a form: current values in the inputs (personal ones left empty, see
 * isMaskedCurrent), and for a file field the case's files for that field.
 */
export function createDraft(
  form: readonly FormFieldView[],
  caseFiles: readonly (FileInfo & { field: string })[] = [],
): FormDraft {
  const values: Record<string, DraftValue> = {};
  for (const field of form) {
    if (field.type === 'file') {
      const ids = Array.isArray(field.value) ? field.value.filter((x) => typeof x === 'string') : [];
      const files = caseFiles.filter((f) => f.field === field.key || ids.includes(f.fileId));
      values[field.key] = files.map(({ fileId, name, size, contentType }) => ({
        fileId,
        name,
        size,
        contentType,
        existing: true,
      }));
    } else {
      values[field.key] = isMaskedCurrent(field) && isFillingMode(field.mode) ? '' : toDraftText(field);
    }
  }
  return { values, edited: {} };
}

/** The draft after the user changed one field. */
export function editDraft(draft: FormDraft, key: string, value: DraftValue): FormDraft {
  return { values: { ...draft.values, [key]: value }, edited: { ...draft.edited, [key]: true } };
}

/** The value sent for one field: money as whole Rupiah, yesno as a boolean, files as ids, blank as null. */
export function toSubmittedValue(field: Pick<FormField, 'type'>, value: DraftValue | undefined): unknown {
  if (Array.isArray(value)) return value.map((f) => f.fileId);
  const text = value ?? '';
  if (text.trim() === '') return null;
  switch (field.type) {
    case 'yesno':
      return text === 'ya' ? true : text === 'tidak' ? false : text;
    case 'money':
      // Unreadable text goes as typed, so the shared check names the problem.
      return parseRupiah(text) ?? text;
    default:
      return text;
  }
}

/**
 * The `data` of `case.start` / `task.complete`: only fields the user edited on an editable field.
 * Untouched values (above all masked personal ones) are not sent, so they stay as they are.
 */
export function collectSubmission(form: readonly FormFieldView[], draft: FormDraft): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form) {
    if (!isFillingMode(field.mode) || !draft.edited[field.key]) continue;
    data[field.key] = toSubmittedValue(field, draft.values[field.key]);
  }
  return data;
}

/**
 * What the case holds already, as the shared check reads it: the fields' current values (masked
 * ones count as filled) and, for file fields, the files in the slot before this form.
 */
export function currentValuesOf(form: readonly FormFieldView[], draft: FormDraft): Record<string, unknown> {
  const current: Record<string, unknown> = {};
  for (const field of form) {
    if (field.type === 'file') {
      const slot = draft.values[field.key];
      const existing = Array.isArray(slot) ? slot.filter((f) => f.existing).map((f) => f.fileId) : [];
      current[field.key] = existing.length > 0 ? existing : field.value;
    } else current[field.key] = field.value;
  }
  return current;
}

/**
 * Runs the server's own check (`checkFormData`, as `validateFormData`) on what would be sent, so
 * a missing or wrong value is shown before the round trip. Returns the issues (empty when fine).
 */
export function checkDraft(
  form: readonly FormFieldView[],
  draft: FormDraft,
  currentYear: number,
): FormIssue[] {
  const result = checkFormData(form, collectSubmission(form, draft), {
    current: currentValuesOf(form, draft),
    currentYear,
  });
  return result.ok ? [] : result.issues;
}

/** Issues sorted for display: per field (in the user's language) and those that name no field. */
export interface IssueMap {
  byField: Record<string, string[]>;
  general: string[];
}

/** Places each issue beside its field; an issue with no path or an unknown key goes to `general`. */
export function mapIssues(
  issues: readonly (ApiIssue | FormIssue)[],
  form: readonly Pick<FormField, 'key'>[],
  language: 'id' | 'en',
): IssueMap {
  const keys = new Set(form.map((f) => f.key));
  const map: IssueMap = { byField: {}, general: [] };
  for (const issue of issues) {
    const text = language === 'en' ? (issue.messageEn ?? issue.message) : issue.message;
    // A zod path into `data` reads "data.nik"; form issues name the key itself.
    const key = issue.path.startsWith('data.') ? issue.path.slice('data.'.length) : issue.path;
    if (keys.has(key)) map.byField[key] = [...(map.byField[key] ?? []), text];
    else map.general.push(text);
  }
  return map;
}

/** What a NIK input says while it is typed: nothing, the count so far, the decoded facts, or the problem. */
export type NikHint =
  | { state: 'empty' }
  | { state: 'typing'; digits: number }
  | {
      state: 'ok';
      provinceName: string;
      sex: 'L' | 'P';
      birthDate: string;
    }
  | { state: 'bad'; message: { id: string; en: string } };

/** Live check of a NIK input with the schema's parseNik (the same check as the server's). */
export function describeNikInput(text: string, currentYear: number): NikHint {
  const digits = text.replace(/[\s.]/g, '');
  if (digits === '') return { state: 'empty' };
  if (/^\d{1,15}$/.test(digits)) return { state: 'typing', digits: digits.length };
  const parsed = parseNik(digits, { currentYear });
  if (!parsed.ok) return { state: 'bad', message: parsed.message };
  const { info } = parsed;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    state: 'ok',
    provinceName: info.provinceName,
    sex: info.sex,
    birthDate: `${info.birthYear ?? ''}-${pad(info.birthMonth)}-${pad(info.birthDay)}`,
  };
}

/** A file size for people: "850 B", "12,3 KB", "4,1 MB". */
export function formatFileSize(bytes: number, language: 'id' | 'en' = 'id'): string {
  const fmt = (n: number) =>
    new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}
