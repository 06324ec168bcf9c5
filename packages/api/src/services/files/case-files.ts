import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { may } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db, Tx } from '../../db/client.ts';
import { auditEvents, caseFiles, cases, tasks } from '../../db/schema.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { AppError, notFound } from '../../errors.ts';
import { startingVersion } from '../start-form.ts';
import { checkUploadField, loadCaseVisibleToUser } from './case-access.ts';
import type { SpooledFile } from './spool.ts';
import { refuse } from './upload-refused.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form fields sent before the file: into a case (`caseId`, optionally `taskId`), or staged for
 * the start form of an SOP (`sopId`): a staged file belongs to its uploader until `case.start`
 * names it in its file field and takes it into the new case.
 */
export type UploadTarget =
  | { caseId: string; sopId?: undefined; field: string; taskId: string | null }
  | { caseId: null; sopId: string; field: string; taskId: null };

/** Hours a staged upload waits for its `case.start` before `alur files gc` removes it. */
export const STAGED_FILE_HOURS = 24;

/** What an upload answers. */
export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

/** A case file as `case.get` lists it. */
export type CaseFileSummary = UploadedFile & {
  field: string;
  uploadedBy: string;
  uploadedAt: string;
};

/**
 * Checks the fields sent before the file: the case exists and the user may see it (else 404, as
 * `case.get`), it is still open, the field may hold files, and a task, if named, is one of the
 * case's. Runs before a byte of the file is read.
 */
export async function authorizeUpload(
  db: Db,
  user: SessionUser,
  fields: Record<string, string>,
  now: Date,
): Promise<{ target: UploadTarget }> {
  const caseId = fields.caseId ?? '';
  const sopId = fields.sopId ?? '';
  const field = fields.field ?? '';
  const taskId = fields.taskId || null;
  if (!caseId && sopId) return { target: await authorizeStaging(db, user, { sopId, field, taskId }, now) };
  if (!UUID.test(caseId)) {
    throw refuse(
      400,
      'UPLOAD_CASE_ID',
      'Kolom "caseId" (atau "sopId" untuk formulir mulai) wajib dikirim sebelum berkas.',
      '"caseId" (or "sopId" for a start form) must come before the file.',
    );
  }
  if (taskId !== null && !UUID.test(taskId)) {
    throw refuse(400, 'UPLOAD_TASK_ID', 'Kolom "taskId" bukan pengenal tugas.', '"taskId" is not a task id.');
  }
  const caseRow = await loadCaseVisibleToUser(db, user, caseId);
  if (!caseRow) throw notFound('Kasus', 'Case');
  if (caseRow.status !== 'active') {
    throw refuse(
      409,
      'CASE_CLOSED',
      'Kasus sudah ditutup: berkas tidak dapat ditambahkan.',
      'The case is closed: no files can be added.',
    );
  }
  const check = checkUploadField(await loadVersionDocument(db, caseRow.versionId), field);
  if (!check.ok) throw refuse(400, 'UPLOAD_FIELD', check.id, check.en);
  if (taskId !== null) {
    const [task] = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.caseId, caseId)));
    if (!task)
      throw refuse(
        400,
        'UPLOAD_TASK_ID',
        'Tugas itu bukan bagian dari kasus ini.',
        'That task is not part of this case.',
      );
  }
  return { target: { caseId, field, taskId } };
}

/** A staged upload: the user may start cases of the SOP, and the field is a file field of its start form. */
async function authorizeStaging(
  db: Db,
  user: SessionUser,
  { sopId, field, taskId }: { sopId: string; field: string; taskId: string | null },
  now: Date,
): Promise<UploadTarget> {
  if (!UUID.test(sopId)) {
    throw refuse(400, 'UPLOAD_SOP_ID', 'Kolom "sopId" bukan pengenal SOP.', '"sopId" is not an SOP id.');
  }
  if (taskId !== null) {
    throw refuse(
      400,
      'UPLOAD_TASK_ID',
      'Unggahan untuk formulir mulai tidak menyebut tugas.',
      'An upload for a start form names no task.',
    );
  }
  if (!may(user, 'startCases'))
    throw refuse(403, 'FORBIDDEN', 'Anda tidak boleh memulai kasus.', 'You may not start cases.');
  const {
    version: { document },
  } = await startingVersion(db, user, sopId, now);
  const check = checkUploadField(document, field);
  if (!check.ok) throw refuse(400, 'UPLOAD_FIELD', check.id, check.en);
  const start = document.nodes.find((n) => n.type === 'start');
  if (!start?.fields.some((f) => f.key === field && f.mode !== 'read')) {
    throw refuse(
      400,
      'UPLOAD_FIELD',
      `Data "${field}" tidak diisi pada formulir mulai SOP ini.`,
      `"${field}" is not filled on this SOP's start form.`,
    );
  }
  return { caseId: null, sopId, field, taskId: null };
}

/**
 * Writes the case file's row and its `file.uploaded` audit event, inside the store's transaction.
 * The case is re-read under a share lock: one closed meanwhile takes no more files.
 */
export async function recordUpload(
  tx: Tx,
  input: {
    user: SessionUser;
    target: UploadTarget;
    file: SpooledFile;
    name: string;
    contentType: string;
    now: Date;
  },
): Promise<UploadedFile> {
  const { user, target, file } = input;
  if (target.caseId !== null) {
    const [open] = await tx
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, target.caseId))
      .for('share');
    if (open?.status !== 'active') {
      throw refuse(
        409,
        'CASE_CLOSED',
        'Kasus sudah ditutup: berkas tidak dapat ditambahkan.',
        'The case is closed: no files can be added.',
      );
    }
  }
  const answer: UploadedFile = {
    fileId: randomUUID(),
    name: input.name,
    size: file.size,
    contentType: input.contentType,
    sha256: file.sha256,
  };
  const at = input.now.toISOString();
  await tx.insert(caseFiles).values({
    ...answer,
    agencyId: user.agencyId,
    caseId: target.caseId,
    sopId: target.caseId === null ? target.sopId : null,
    field: target.field,
    taskId: target.taskId,
    uploadedBy: user.id,
    uploadedAt: at,
  });
  // A staged file is audited when a case takes it (`file.attached`): the audit log is per case.
  if (target.caseId === null) return answer;
  await tx.insert(auditEvents).values({
    agencyId: user.agencyId,
    actorId: user.id,
    action: 'file.uploaded',
    caseId: target.caseId,
    taskId: target.taskId,
    data: { ...answer, field: target.field },
    at,
  });
  return answer;
}

/** The files `user` staged for the start form of `sopId` that no case has taken yet. */
export async function stagedFilesOf(
  tx: Db | Tx,
  user: SessionUser,
  sopId: string,
): Promise<{ fileId: string; field: string }[]> {
  return tx
    .select({ fileId: caseFiles.fileId, field: caseFiles.field })
    .from(caseFiles)
    .where(
      and(
        isNull(caseFiles.caseId),
        eq(caseFiles.sopId, sopId),
        eq(caseFiles.uploadedBy, user.id),
        eq(caseFiles.agencyId, user.agencyId),
      ),
    );
}

/**
 * Takes staged files into the case `case.start` just created, in its transaction, with one
 * `file.uploaded` audit event each. A file another start took meanwhile fails the start (409).
 */
export async function attachStagedFiles(
  tx: Tx,
  input: { user: SessionUser; caseId: string; fileIds: readonly string[]; at: Date },
): Promise<void> {
  if (input.fileIds.length === 0) return;
  const taken = await tx
    .update(caseFiles)
    .set({ caseId: input.caseId, sopId: null })
    .where(
      and(
        inArray(caseFiles.fileId, [...input.fileIds]),
        isNull(caseFiles.caseId),
        eq(caseFiles.uploadedBy, input.user.id),
      ),
    )
    .returning();
  if (taken.length !== new Set(input.fileIds).size) {
    throw new AppError('CONFLICT', 'FILE_TAKEN', {
      id: 'Berkas unggahan sudah dipakai kasus lain; unggah ulang.',
      en: 'An uploaded file was already taken by another case; upload it again.',
    });
  }
  await tx.insert(auditEvents).values(
    taken.map((f) => ({
      agencyId: f.agencyId,
      actorId: input.user.id,
      action: 'file.uploaded',
      caseId: input.caseId,
      taskId: null,
      data: {
        fileId: f.fileId,
        name: f.name,
        size: f.size,
        contentType: f.contentType,
        sha256: f.sha256,
        field: f.field,
      },
      at: input.at.toISOString(),
    })),
  );
}

/**
 * Removes the rows of staged uploads no case took within STAGED_FILE_HOURS (an abandoned start
 * form); their bytes then belong to no row and the blob collection removes them. Returns how many.
 */
export async function expireStagedFiles(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - STAGED_FILE_HOURS * 3_600_000).toISOString();
  const gone = await db
    .delete(caseFiles)
    .where(and(isNull(caseFiles.caseId), lt(caseFiles.uploadedAt, cutoff)))
    .returning({ fileId: caseFiles.fileId });
  return gone.length;
}

/** The files of a case, oldest first, as `case.get` returns them. */
export async function listCaseFiles(db: Db, caseId: string): Promise<CaseFileSummary[]> {
  return db
    .select({
      fileId: caseFiles.fileId,
      field: caseFiles.field,
      name: caseFiles.name,
      size: caseFiles.size,
      contentType: caseFiles.contentType,
      sha256: caseFiles.sha256,
      uploadedBy: caseFiles.uploadedBy,
      uploadedAt: caseFiles.uploadedAt,
    })
    .from(caseFiles)
    .where(eq(caseFiles.caseId, caseId))
    .orderBy(asc(caseFiles.uploadedAt), asc(caseFiles.fileId));
}

export type CaseFileRow = typeof caseFiles.$inferSelect;

/** A case file whose case the user may see; anything else is "not found", so ids cannot be probed. */
export async function loadVisibleFile(db: Db, user: SessionUser, fileId: string): Promise<CaseFileRow> {
  if (!UUID.test(fileId)) throw notFound('Berkas', 'File');
  const [row] = await db
    .select()
    .from(caseFiles)
    .where(and(eq(caseFiles.fileId, fileId), eq(caseFiles.agencyId, user.agencyId)));
  if (!row) throw notFound('Berkas', 'File');
  // A staged file is its uploader's alone until a case takes it.
  const visible =
    row.caseId === null ? row.uploadedBy === user.id : await loadCaseVisibleToUser(db, user, row.caseId);
  if (!visible) throw notFound('Berkas', 'File');
  return row;
}

/** Writes the `file.downloaded` audit event of one download. */
export async function recordDownload(db: Db, user: SessionUser, file: CaseFileRow, now: Date): Promise<void> {
  await db.insert(auditEvents).values({
    agencyId: user.agencyId,
    actorId: user.id,
    action: 'file.downloaded',
    caseId: file.caseId,
    taskId: file.taskId,
    data: { fileId: file.fileId, field: file.field, name: file.name, sha256: file.sha256 },
    at: now.toISOString(),
  });
}
