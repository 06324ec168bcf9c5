/** The formats `sop.import` accepts. */
export type ImportFormat = 'table' | 'docx' | 'xlsx' | 'bpmn' | 'json';

/** What the import dialog sends: the format and the content (docx/xlsx base64, others text). */
export interface ImportInput {
  format: ImportFormat;
  content: string;
}

/** The file types the picker offers. */
export const IMPORT_ACCEPT = '.docx,.xlsx,.bpmn,.xml,.json,.txt';

const BY_EXTENSION: Record<string, ImportFormat> = {
  docx: 'docx',
  xlsx: 'xlsx',
  bpmn: 'bpmn',
  xml: 'bpmn',
  json: 'json',
  txt: 'table',
  tsv: 'table',
};

/** The import format of a file from its extension, or null for a type the server cannot read. */
export function chooseImportFormat(fileName: string): ImportFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? null;
}

/** Whether a format travels as base64 (binary office files) rather than as text. */
export function isBinaryFormat(format: ImportFormat): boolean {
  return format === 'docx' || format === 'xlsx';
}

/** Standard base64 of bytes, in chunks so large files do not overflow the argument list. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Reads a picked file into the input of `sop.import`; null when its type is not importable. */
export async function readImportFile(
  file: Pick<File, 'name' | 'text' | 'arrayBuffer'>,
): Promise<ImportInput | null> {
  const format = chooseImportFormat(file.name);
  if (!format) return null;
  const content = isBinaryFormat(format)
    ? encodeBase64(new Uint8Array(await file.arrayBuffer()))
    : await file.text();
  return { format, content };
}
