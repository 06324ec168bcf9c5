import { z } from 'zod';

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

/**
 * Field keys name the value in `case.data` and in API payloads, so they are plain identifiers
 * that survive JSON, URLs and CSV headers unchanged.
 */
export const fieldKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'kunci data: huruf kecil, angka dan _, diawali huruf');

/** One data field of the case file, defined by the designer without code. */
export const dataFieldSchema = z.object({
  key: fieldKeySchema,
  label: z.string().max(200),
  type: z.enum(DATA_FIELD_TYPES),
  /** Personal data (UU 27/2022): masked wherever lists show it. Absent = the type's default. */
  personal: z.boolean().optional(),
  /** The choices of a `choice` field. */
  options: z.array(z.string().max(200)).max(200).optional(),
  /** A `file` field may hold several files (e.g. photos of a home visit). */
  multiple: z.boolean().optional(),
  /** The Mutu Baku kelengkapan item (requirement) a `file` field satisfies, e.g. "Fotokopi KTP". */
  kelengkapan: z.string().max(1_000).optional(),
});
export type DataField = z.infer<typeof dataFieldSchema>;

/** A field placed on a node's form; the start node's form is the start form. */
export const nodeFieldSchema = z.object({ key: fieldKeySchema, mode: z.enum(FIELD_MODES) });
export type NodeField = z.infer<typeof nodeFieldSchema>;

/**
 * True when a field's key or label names an address ("alamat", "address", "domisili"): addresses
 * identify a person as surely as a NIK, so they default to personal.
 */
export function isAddressField(field: Pick<DataField, 'key' | 'label'>): boolean {
  const text = `${field.key} ${field.label}`.toLowerCase();
  return /alamat|address|domisili/.test(text);
}

/**
 * Whether a field is personal data: its explicit `personal`, else true for NIK, phone numbers and
 * addresses (isAddressField), false for the rest.
 */
export function isPersonalField(field: Pick<DataField, 'key' | 'label' | 'type' | 'personal'>): boolean {
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
