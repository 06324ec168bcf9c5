// Zod-free rules about data fields, so the phone runtime can check forms without loading zod
// (`@alur/schema/core` exports this file; `data-fields.ts` re-exports it with the zod schemas).

/** The kinds of value a case file can hold; the designer offers exactly these. */
export const DATA_FIELD_TYPES = [
  'text',
  'longtext',
  'number',
  'money',
  'date',
  'choice',
  'yesno',
  'nik',
  'phone',
  'email',
  'file',
] as const;
export type DataFieldType = (typeof DATA_FIELD_TYPES)[number];

/** How a node's form shows a field: read only, editable, or editable and required. */
export const FIELD_MODES = ['read', 'edit', 'require'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];

/** What the rules below read of a data field (a `DataField` or a described form field). */
interface FieldFacts {
  key: string;
  label: string;
  type: DataFieldType;
  personal?: boolean;
}

/**
 * True when a field's key or label names an address ("alamat", "address", "domisili"): addresses
 * identify a person as surely as a NIK, so they default to personal.
 */
export function isAddressField(field: Pick<FieldFacts, 'key' | 'label'>): boolean {
  const text = `${field.key} ${field.label}`.toLowerCase();
  return /alamat|address|domisili/.test(text);
}

/**
 * Whether a field is personal data: its explicit `personal`, else true for NIK, phone numbers and
 * addresses (isAddressField), false for the rest.
 */
export function isPersonalField(field: FieldFacts): boolean {
  if (field.personal !== undefined) return field.personal;
  return field.type === 'nik' || field.type === 'phone' || isAddressField(field);
}

/** Whether a mode lets the form change the value (edit or require). */
export function isFillingMode(mode: FieldMode): boolean {
  return mode === 'edit' || mode === 'require';
}

/** Normalises a kelengkapan item for comparison: case, spacing and a trailing dot do not count. */
export function normalizeKelengkapan(item: string): string {
  return item.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
}
