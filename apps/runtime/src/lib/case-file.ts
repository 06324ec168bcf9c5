import type { DataField } from '@alur/schema';

export interface CaseFileInfo {
  fileId: string;
  field: string;
  name: string;
  size: number;
  contentType: string;
  uploadedAt: string;
}

/** The files of a case grouped by data field, in the SOP's field order; unknown fields last. */
export function groupFilesByField(
  files: readonly CaseFileInfo[],
  dataFields: readonly Pick<DataField, 'key' | 'label' | 'kelengkapan'>[],
): { key: string; label: string | null; kelengkapan?: string; files: CaseFileInfo[] }[] {
  const groups = dataFields
    .map((f) => ({
      key: f.key,
      label: f.label as string | null,
      ...(f.kelengkapan ? { kelengkapan: f.kelengkapan } : {}),
      files: files.filter((x) => x.field === f.key),
    }))
    .filter((g) => g.files.length > 0);
  const known = new Set(dataFields.map((f) => f.key));
  const others = files.filter((x) => !known.has(x.field));
  return others.length > 0 ? [...groups, { key: '', label: null, files: others }] : groups;
}

/** "nama_pemohon" → "Nama pemohon": search results carry keys, not the SOP's labels. */
export function labelFromKey(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
