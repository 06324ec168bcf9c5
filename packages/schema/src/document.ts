import { z } from 'zod';
import { dataFieldSchema, nodeFieldSchema } from './data-fields.ts';
import { waktuSchema } from './waktu.ts';

/**
 * The current version of the SOP document format; bump it with a step in `migrate.ts`.
 * 2: the case file's `dataFields` and each node's form (`fields`).
 */
export const SCHEMA_VERSION = 2 as const;

const text = z.string().max(20_000);
const shortText = z.string().max(1_000);
const textList = z.array(text).max(500).default([]);
/** Element ids: stable across edits and versions. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id hanya boleh huruf, angka, _ dan -');
/** Position keys of the agency's role catalogue ("kadis", "kabid", "staf" …). */
export const positionKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'kunci jabatan: huruf kecil, angka, _ dan -');

export const signerSchema = z.object({
  jabatan: shortText.default(''),
  nama: shortText.default(''),
  nip: shortText.default(''),
});
export type Signer = z.infer<typeof signerSchema>;

/** Identity sheet of PermenPAN-RB 35/2012; every list is kept even when empty. */
export const identitySchema = z.object({
  nomor: shortText.default(''),
  nama: shortText.default(''),
  tanggalPembuatan: shortText.default(''),
  tanggalRevisi: shortText.default(''),
  tanggalEfektif: shortText.default(''),
  disahkanOleh: signerSchema.default({ jabatan: '', nama: '', nip: '' }),
  unit: z
    .object({ nama: shortText.default(''), alamat: shortText.default(''), bidang: shortText.default('') })
    .default({ nama: '', alamat: '', bidang: '' }),
  dasarHukum: textList,
  kualifikasiPelaksana: textList,
  keterkaitan: textList,
  peralatan: textList,
  peringatan: textList,
  pencatatan: textList,
  /**
   * Years a closed case keeps its personal data (UU 27/2022), from the agency's JRA (jadwal retensi
   * arsip); absent = DEFAULT_RETENTION_YEARS. `alur retention --apply` erases it after that.
   */
  retensiTahun: z.int().min(1).max(100).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/** Retention of a closed case's personal data when the SOP's identity names none. */
export const DEFAULT_RETENTION_YEARS = 5;

/** A swimlane: a column bound to a position, or an outside party recorded by a position. */
export const laneSchema = z.discriminatedUnion('kind', [
  z.object({ id: idSchema, name: shortText, kind: z.literal('position'), positionKey: positionKeySchema }),
  z.object({
    id: idSchema,
    name: shortText,
    kind: z.literal('external'),
    /** The internal position whose staff record this party's work. */
    recordedBy: positionKeySchema,
  }),
  /** A lane not yet bound to a position (drafts only; validation reports it). */
  z.object({ id: idSchema, name: shortText, kind: z.literal('unbound') }),
]);
export type Lane = z.infer<typeof laneSchema>;

export const NODE_TYPES = ['start', 'end', 'activity', 'decision', 'fork', 'join'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const mutuBakuSchema = z.object({
  kelengkapan: textList,
  waktu: waktuSchema.nullable().default(null),
  output: text.default(''),
});
export type MutuBaku = z.infer<typeof mutuBakuSchema>;

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const nodeSchema = z.object({
  id: idSchema,
  type: z.enum(NODE_TYPES),
  laneId: idSchema,
  /** Kegiatan: what is done (activities and decisions). */
  kegiatan: text.default(''),
  mutuBaku: mutuBakuSchema.default({ kelengkapan: [], waktu: null, output: '' }),
  keterangan: text.default(''),
  /**
   * Layout in the designer: `x` is the offset from the centre line of the node's lane (0 =
   * centred), so moving or resizing lanes never moves a node out of its lane; `y` is measured from
   * the top of the drawing, under the lane headers.
   */
  position: positionSchema.default({ x: 0, y: 0 }),
  /** The node's form: on the start node the start form, on a step its task form. */
  fields: z.array(nodeFieldSchema).max(500).default([]),
});
export type SopNode = z.infer<typeof nodeSchema>;

export const EDGE_LABELS = ['ya', 'tidak'] as const;
export type EdgeLabel = (typeof EDGE_LABELS)[number];

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  /** Only on the exits of a decision. */
  label: z.enum(EDGE_LABELS).optional(),
});
export type SopEdge = z.infer<typeof edgeSchema>;

export const sopDocumentSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  identity: identitySchema,
  lanes: z.array(laneSchema).max(200),
  nodes: z.array(nodeSchema).max(20_000),
  edges: z.array(edgeSchema).max(40_000),
  /** Printed row order: ids of activity and decision nodes, top to bottom. */
  rowOrder: z.array(idSchema).max(20_000).default([]),
  /** The case file's data fields, in the order forms show them. */
  dataFields: z.array(dataFieldSchema).max(500).default([]),
});
export type SopDocument = z.infer<typeof sopDocumentSchema>;
/** A document as accepted on input (defaults may be omitted). */
export type SopDocumentInput = z.input<typeof sopDocumentSchema>;

/** Activities and decisions are the printed table rows and the runtime's tasks. */
export function isStepNode(node: Pick<SopNode, 'type'>): boolean {
  return node.type === 'activity' || node.type === 'decision';
}

/** An empty document with the identity sheet's fields all present. */
export function createEmptyDocument(nama = ''): SopDocument {
  return sopDocumentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    identity: { nama },
    lanes: [],
    nodes: [],
    edges: [],
    rowOrder: [],
    dataFields: [],
  });
}
