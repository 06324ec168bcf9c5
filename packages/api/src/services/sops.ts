import {
  createEmptyDocument,
  isPublishable,
  parseDocument,
  SCHEMA_VERSION,
  type SopDocument,
  sumWaktu,
  validateSop,
} from '@alur/schema';
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/client.ts';
import { auditEvents, sops, sopVersions, users } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { checksumOf } from './canonical-json.ts';
import { pinLetterTemplates } from './letters/letter-setup.ts';

/** Parses a document from API input, or refuses it with every field at fault. */
export function requireDocument(input: unknown): SopDocument {
  const parsed = parseDocument(input);
  if (!parsed.ok) {
    throw new AppError(
      'BAD_REQUEST',
      'DOCUMENT_INVALID',
      {
        id: `Dokumen SOP tidak valid: ${parsed.issues
          .slice(0, 5)
          .map((i) => `${i.path || '(dokumen)'}: ${i.message}`)
          .join('; ')}`,
        en: 'The SOP document does not fit the schema.',
      },
      { issues: parsed.issues },
    );
  }
  return parsed.document;
}

/** The agency's SOPs with their draft revision and newest published version. */
export async function listSops(db: Db, user: SessionUser, today: string) {
  const rows = await db
    .select({
      id: sops.id,
      name: sops.name,
      draftRevision: sops.draftRevision,
      draftUpdatedAt: sops.draftUpdatedAt,
    })
    .from(sops)
    .where(eq(sops.agencyId, user.agencyId))
    .orderBy(sops.name);
  const versions = await db
    .select({
      sopId: sopVersions.sopId,
      number: sopVersions.number,
      effectiveDate: sopVersions.effectiveDate,
    })
    .from(sopVersions)
    .where(eq(sopVersions.agencyId, user.agencyId));
  return rows.map((r) => {
    const mine = versions.filter((v) => v.sopId === r.id);
    const inEffect = mine.filter((v) => v.effectiveDate <= today);
    return {
      ...r,
      latestVersion: mine.length ? Math.max(...mine.map((v) => v.number)) : null,
      versionInEffect: inEffect.length ? Math.max(...inEffect.map((v) => v.number)) : null,
    };
  });
}

async function loadSop(db: Db | Tx, user: SessionUser, sopId: string) {
  const [row] = await db
    .select()
    .from(sops)
    .where(and(eq(sops.id, sopId), eq(sops.agencyId, user.agencyId)));
  if (!row) throw notFound('SOP');
  return row;
}

/** The display name of whoever saved the draft last, so a conflict can say who it was. */
async function findDraftAuthor(db: Db | Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/**
 * A stored draft, ready to send. Every writer of `sops.draft` (createSop, saveDraft, the demo
 * loader from parsed seeds) stores what `parseDocument` returned, so a draft at this schema version
 * is sent as stored: parsing it again cost 20–150 ms of the server's only thread for each opening
 * of a 2,000-symbol SOP (BENCHMARKS.md, "Opening 2,000 symbols"), and held up every request
 * behind it. A draft stored at an older version (before an upgrade), or one that does not even
 * look like a document, goes through `requireDocument` as before (migrated, or refused).
 */
export function readStoredDraft(draft: unknown): SopDocument {
  const d = draft as Partial<SopDocument> | null;
  if (
    d !== null &&
    typeof d === 'object' &&
    d.schemaVersion === SCHEMA_VERSION &&
    Array.isArray(d.lanes) &&
    Array.isArray(d.nodes) &&
    Array.isArray(d.edges) &&
    typeof d.identity === 'object' &&
    d.identity !== null
  )
    return d as SopDocument;
  return requireDocument(draft);
}

/** The draft of an SOP with its revision (the base for the next save) and who saved it when. */
export async function getSop(db: Db, user: SessionUser, sopId: string) {
  const row = await loadSop(db, user, sopId);
  return {
    id: row.id,
    name: row.name,
    document: readStoredDraft(row.draft),
    revision: row.draftRevision,
    updatedAt: row.draftUpdatedAt,
    updatedByName: await findDraftAuthor(db, row.draftUpdatedBy),
  };
}

/** Creates an SOP with a draft (empty, or the given document). */
export async function createSop(
  db: Db | Tx,
  user: SessionUser,
  input: { name: string; document?: unknown },
  now: Date,
) {
  const document =
    input.document === undefined ? createEmptyDocument(input.name) : requireDocument(input.document);
  document.identity.nama ||= input.name;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sops)
      .values({
        agencyId: user.agencyId,
        name: input.name,
        draft: document,
        createdBy: user.id,
        draftUpdatedBy: user.id,
        draftUpdatedAt: now.toISOString(),
        createdAt: now.toISOString(),
      })
      .returning({ id: sops.id, revision: sops.draftRevision });
    await tx.insert(auditEvents).values({
      agencyId: user.agencyId,
      actorId: user.id,
      action: 'sop.created',
      sopId: row!.id,
      data: { name: input.name },
      at: now.toISOString(),
    });
    return { sopId: row!.id, revision: row!.revision };
  });
}

/**
 * Saves a draft if nobody saved since `baseRevision`; otherwise a CONFLICT carrying the current
 * revision, so the designer can offer a choice instead of overwriting silently.
 */
export async function saveDraft(
  db: Db,
  user: SessionUser,
  input: { sopId: string; document: unknown; baseRevision: number },
  now: Date,
) {
  const document = requireDocument(input.document);
  const updated = await db
    .update(sops)
    .set({
      draft: document,
      name: document.identity.nama.trim() || sql`${sops.name}`,
      draftRevision: sql`${sops.draftRevision} + 1`,
      draftUpdatedAt: now.toISOString(),
      draftUpdatedBy: user.id,
    })
    .where(
      and(
        eq(sops.id, input.sopId),
        eq(sops.agencyId, user.agencyId),
        eq(sops.draftRevision, input.baseRevision),
      ),
    )
    .returning({ revision: sops.draftRevision });
  if (updated.length === 1) return { revision: updated[0]!.revision, savedAt: now.toISOString() };
  const current = await loadSop(db, user, input.sopId);
  const updatedByName = await findDraftAuthor(db, current.draftUpdatedBy);
  throw new AppError(
    'CONFLICT',
    'DRAFT_CONFLICT',
    {
      id: `Draf sudah disimpan orang lain (revisi ${current.draftRevision}, Anda mengedit revisi ${input.baseRevision}).`,
      en: `Someone else saved the draft (revision ${current.draftRevision}; you edited revision ${input.baseRevision}).`,
    },
    { currentRevision: current.draftRevision, updatedAt: current.draftUpdatedAt, updatedByName },
  );
}

/** Publishes the current draft as a new immutable version; refused while validation has errors. */
export async function publishSop(
  db: Db | Tx,
  user: SessionUser,
  input: {
    sopId: string;
    note: string;
    effectiveDate: string;
    signer: { jabatan: string; nama: string; nip: string };
  },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const row = await loadSop(tx, user, input.sopId);
    await tx.select({ id: sops.id }).from(sops).where(eq(sops.id, row.id)).for('update');
    const document = requireDocument(row.draft);
    document.identity.disahkanOleh = input.signer;
    document.identity.tanggalEfektif = input.effectiveDate;
    const issues = validateSop(document);
    if (!isPublishable(issues)) {
      throw new AppError(
        'BAD_REQUEST',
        'VALIDATION_FAILED',
        {
          id: `SOP belum dapat diterbitkan: ${issues.filter((i) => i.severity === 'error').length} kesalahan validasi.`,
          en: 'The SOP cannot be published while validation reports errors.',
        },
        { issues },
      );
    }
    const [last] = await tx
      .select({ n: max(sopVersions.number) })
      .from(sopVersions)
      .where(eq(sopVersions.sopId, row.id));
    const number = (last?.n ?? 0) + 1;
    const [version] = await tx
      .insert(sopVersions)
      .values({
        sopId: row.id,
        agencyId: user.agencyId,
        number,
        document,
        checksum: checksumOf(document),
        signer: input.signer,
        effectiveDate: input.effectiveDate,
        note: input.note,
        publishedBy: user.id,
        publishedAt: now.toISOString(),
      })
      .returning({ id: sopVersions.id });
    await pinLetterTemplates(tx, row.id, version!.id);
    await tx.insert(auditEvents).values({
      agencyId: user.agencyId,
      actorId: user.id,
      action: 'sop.published',
      sopId: row.id,
      data: { versionId: version!.id, number, effectiveDate: input.effectiveDate, note: input.note },
      at: now.toISOString(),
    });
    return { versionId: version!.id, number };
  });
}

/** Published versions of an SOP, newest first. */
export async function listVersions(db: Db, user: SessionUser, sopId: string) {
  await loadSop(db, user, sopId);
  return db
    .select({
      id: sopVersions.id,
      number: sopVersions.number,
      checksum: sopVersions.checksum,
      signer: sopVersions.signer,
      effectiveDate: sopVersions.effectiveDate,
      note: sopVersions.note,
      publishedBy: sopVersions.publishedBy,
      publishedAt: sopVersions.publishedAt,
    })
    .from(sopVersions)
    .where(eq(sopVersions.sopId, sopId))
    .orderBy(desc(sopVersions.number));
}

/** One published version with its document. */
export async function getVersion(db: Db, user: SessionUser, versionId: string) {
  const [row] = await db
    .select()
    .from(sopVersions)
    .where(and(eq(sopVersions.id, versionId), eq(sopVersions.agencyId, user.agencyId)));
  if (!row) throw notFound('Versi SOP', 'SOP version');
  const document = requireDocument(row.document);
  return { ...row, document, totalWaktu: sumWaktu(document).text };
}
