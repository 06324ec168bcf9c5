import type { z } from 'zod';
import { SCHEMA_VERSION, type SopDocument, sopDocumentSchema } from './document.ts';

/** A step upgrading a raw document from version `from` to `from + 1`. */
type MigrationStep = (raw: Record<string, unknown>) => Record<string, unknown>;

// Steps keyed by the version they upgrade from. Each step only reshapes; the schema checks after.
const STEPS: Record<number, MigrationStep> = {
  // 1 → 2: the case file arrives. A v1 SOP has no data fields and empty forms; written out
  // explicitly so a migrated document looks exactly like one saved by v2.
  1: (raw) => ({
    ...raw,
    nodes: Array.isArray(raw.nodes)
      ? raw.nodes.map((n) => (isRecord(n) && !('fields' in n) ? { ...n, fields: [] } : n))
      : raw.nodes,
    dataFields: 'dataFields' in raw ? raw.dataFields : [],
  }),
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type ParseDocumentResult =
  | { ok: true; document: SopDocument; migratedFrom: number | null }
  | { ok: false; issues: { path: string; message: string }[] };

/**
 * Upgrades a document of any known schemaVersion to the current one and parses it.
 * A document from a newer Alur, or one that does not fit the schema, is reported, never thrown.
 */
export function parseDocument(input: unknown): ParseDocumentResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '', message: 'Dokumen SOP harus berupa objek JSON.' }] };
  }
  let raw = input as Record<string, unknown>;
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : Number.NaN;
  if (!Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: 'schemaVersion tidak ada atau bukan bilangan bulat ≥ 1.' }],
    };
  }
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: `Dokumen dibuat oleh versi Alur yang lebih baru (schemaVersion ${version}, didukung ${SCHEMA_VERSION}).`,
        },
      ],
    };
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = STEPS[v];
    if (!step)
      return {
        ok: false,
        issues: [{ path: 'schemaVersion', message: `Tidak ada migrasi dari versi ${v}.` }],
      };
    raw = { ...step(raw), schemaVersion: v + 1 };
  }
  const parsed = sopDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: formatZodIssues(parsed.error) };
  return { ok: true, document: parsed.data, migratedFrom: version === SCHEMA_VERSION ? null : version };
}

/** Flattens zod issues into `{path, message}` with dotted paths ("nodes.3.laneId"). */
export function formatZodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
