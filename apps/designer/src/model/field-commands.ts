import type { DataField, FieldMode, SopDocument } from '@alur/schema';

/** What a data field may change after it is made; the key stays, forms and cases refer to it. */
export type FieldPatch = Partial<Omit<DataField, 'key'>>;

/** Adds a data field at `index` (default: last); a key already defined leaves the document as is. */
export function addDataField(doc: SopDocument, field: DataField, index = doc.dataFields.length): SopDocument {
  if (doc.dataFields.some((f) => f.key === field.key)) return doc;
  const dataFields = [...doc.dataFields];
  dataFields.splice(Math.max(0, Math.min(index, dataFields.length)), 0, field);
  return { ...doc, dataFields };
}

/** Changes a field's label, type, personal flag, options, multiple or kelengkapan. */
export function updateDataField(doc: SopDocument, key: string, patch: FieldPatch): SopDocument {
  const field = doc.dataFields.find((f) => f.key === key);
  if (!field) return doc;
  const next: DataField = { ...field, ...patch, key };
  // Undefined means "back to the default": drop the property so the JSON stays clean.
  for (const k of Object.keys(next) as (keyof DataField)[]) if (next[k] === undefined) delete next[k];
  return { ...doc, dataFields: doc.dataFields.map((f) => (f.key === key ? next : f)) };
}

/** Moves a field to another place in the list (forms show fields in their own order). */
export function moveDataField(doc: SopDocument, key: string, toIndex: number): SopDocument {
  const from = doc.dataFields.findIndex((f) => f.key === key);
  const to = Math.max(0, Math.min(Math.trunc(toIndex), doc.dataFields.length - 1));
  if (from < 0 || from === to) return doc;
  const dataFields = [...doc.dataFields];
  const [field] = dataFields.splice(from, 1);
  dataFields.splice(to, 0, field!);
  return { ...doc, dataFields };
}

/** Removes a field and takes it off every form, so no form names a field that is gone. */
export function removeDataField(doc: SopDocument, key: string): SopDocument {
  if (!doc.dataFields.some((f) => f.key === key)) return doc;
  return {
    ...doc,
    dataFields: doc.dataFields.filter((f) => f.key !== key),
    nodes: doc.nodes.map((n) =>
      n.fields.some((f) => f.key === key) ? { ...n, fields: n.fields.filter((f) => f.key !== key) } : n,
    ),
  };
}

/**
 * Sets how a node's form shows a field: `null` hides it (takes it off the form), a mode puts it on
 * the form (at the end when new, in place when it was there).
 */
export function setNodeFieldMode(
  doc: SopDocument,
  nodeId: string,
  key: string,
  mode: FieldMode | null,
): SopDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || !doc.dataFields.some((f) => f.key === key)) return doc;
  const current = node.fields.find((f) => f.key === key);
  if ((current?.mode ?? null) === mode) return doc;
  const fields =
    mode === null
      ? node.fields.filter((f) => f.key !== key)
      : current
        ? node.fields.map((f) => (f.key === key ? { key, mode } : f))
        : [...node.fields, { key, mode }];
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, fields } : n)) };
}

/** The nodes whose form shows a field, so removing it can say where it is used. */
export function findFieldUses(doc: SopDocument, key: string): { nodeId: string; mode: FieldMode }[] {
  return doc.nodes.flatMap((n) =>
    n.fields.filter((f) => f.key === key).map((f) => ({ nodeId: n.id, mode: f.mode })),
  );
}

/** A key for a new field from its label ("Nama pemohon" → "nama_pemohon"), unique in the document. */
export function makeFieldKey(doc: SopDocument, label: string): string {
  const base =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 48) || 'data';
  const taken = new Set(doc.dataFields.map((f) => f.key));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}
