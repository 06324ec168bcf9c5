import { type DataField, isPersonalField } from './data-fields.ts';

const STAR = '*';

/**
 * Masks a personal value for lists, search results, notifications and the audit view, keeping just
 * enough to tell two records apart: a NIK or KK number keeps its first and last four digits
 * (`3328********0003`), a phone number its first four and last three, an e-mail its first letter
 * and domain, text the first letter of each word. Other values (numbers, dates) are fully hidden.
 */
export function maskPersonalValue(type: DataField['type'], value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (type === 'file') return value;
  const text = String(value);
  if (type === 'nik' || /^\d{16}$/.test(text)) return keepEnds(text, 4, 4);
  if (type === 'phone') return keepEnds(text, 4, 3);
  if (type === 'email') {
    const at = text.lastIndexOf('@');
    if (at > 0) return `${text[0]}${STAR.repeat(3)}${text.slice(at)}`;
  }
  if (type === 'text' || type === 'longtext' || type === 'choice' || type === 'email') {
    return text.replace(/[^\s,./-]+/g, (word) => word[0] + STAR.repeat(word.length - 1));
  }
  return STAR.repeat(4);
}

/** A field's value as lists may show it: masked when the field is personal, unchanged otherwise. */
export function maskFieldValue(
  field: Pick<DataField, 'key' | 'label' | 'type' | 'personal'>,
  value: unknown,
): unknown {
  return isPersonalField(field) ? maskPersonalValue(field.type, value) : value;
}

/**
 * Masks every personal value of a case's data by the SOP's field definitions; keys without a
 * definition (a field removed in a later version) are treated as personal, since nothing says
 * they are safe to show.
 */
export function maskCaseData(
  dataFields: readonly DataField[],
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const byKey = new Map(dataFields.map((f) => [f.key, f]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = byKey.get(key);
    out[key] = field ? maskFieldValue(field, value) : maskPersonalValue('text', value);
  }
  return out;
}

function keepEnds(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return STAR.repeat(text.length);
  return text.slice(0, head) + STAR.repeat(text.length - head - tail) + text.slice(text.length - tail);
}
