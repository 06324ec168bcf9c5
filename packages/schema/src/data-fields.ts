import { z } from 'zod';
import { DATA_FIELD_TYPES, FIELD_MODES } from './field-rules.ts';

export * from './field-rules.ts';

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
