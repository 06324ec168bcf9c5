import { parseDocument, type SopDocument } from '@alur/schema';

export type ImportJsonResult =
  | { ok: true; document: SopDocument; migratedFrom: number | null }
  | {
      ok: false;
      error: {
        code: 'NOT_JSON' | 'INVALID_DOCUMENT';
        message: { id: string; en: string };
        issues: { path: string; message: string }[];
      };
    };

/** The document as pretty-printed JSON, `schemaVersion` first. */
export function exportJson(doc: SopDocument): string {
  const { schemaVersion, ...rest } = doc;
  return `${JSON.stringify({ schemaVersion, ...rest }, null, 2)}\n`;
}

/** Reads an exported document of any known schemaVersion (migrated through `parseDocument`). */
export function importJson(text: string): ImportJsonResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: {
        code: 'NOT_JSON',
        message: {
          id: `Berkas bukan JSON yang sah (${detail}).`,
          en: `The file is not valid JSON (${detail}).`,
        },
        issues: [],
      },
    };
  }
  const parsed = parseDocument(raw);
  if (parsed.ok) return parsed;
  const first = parsed.issues[0];
  return {
    ok: false,
    error: {
      code: 'INVALID_DOCUMENT',
      message: {
        id: `JSON bukan dokumen SOP Alur yang sah${first ? ` (${first.path || 'dokumen'}: ${first.message})` : ''}.`,
        en: `The JSON is not a valid Alur SOP document${first ? ` (${first.path || 'document'}: ${first.message})` : ''}.`,
      },
      issues: parsed.issues,
    },
  };
}
