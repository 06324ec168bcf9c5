import type { SopDocument } from '@alur/schema';
import { and, eq } from 'drizzle-orm';
import { canSeeCase } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db } from '../../db/client.ts';
import { cases } from '../../db/schema.ts';

export type CaseRow = typeof cases.$inferSelect;

/**
 * The case `caseId` if `user` may see it (the same rule as `case.get`), else null. Files ask only
 * through this function, so the visibility rule has one place to be pointed at.
 */
export async function loadCaseVisibleToUser(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.agencyId, user.agencyId)));
  if (!row || !(await canSeeCase(db, user, row))) return null;
  return row;
}

/** A field key as the document schema spells keys: lower case, digits and underscores. */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Whether an upload may go to `field` of a case on `document`: the field must be one of the SOP's
 * data fields of type `file` (an upload slot). The single check for the field of an upload.
 */
export function checkUploadField(
  document: SopDocument,
  field: string,
): { ok: true } | { ok: false; id: string; en: string } {
  if (!FIELD_KEY.test(field)) {
    return {
      ok: false,
      id: 'Kolom "field" harus berupa kunci data (huruf kecil, angka, garis bawah; paling banyak 64).',
      en: '"field" must be a data key (lower-case letters, digits, underscores; at most 64).',
    };
  }
  const found = document.dataFields.find((f) => f.key === field);
  if (!found) {
    return {
      ok: false,
      id: `Data "${field}" tidak ada pada SOP kasus ini.`,
      en: `The case's SOP has no data field "${field}".`,
    };
  }
  if (found.type !== 'file') {
    return {
      ok: false,
      id: `Data "${field}" bukan kolom berkas.`,
      en: `Data field "${field}" is not a file field.`,
    };
  }
  return { ok: true };
}
