import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db, Tx } from '../../db/client.ts';
import { auditEvents, caseFiles, cases, tasks } from '../../db/schema.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { notFound } from '../../errors.ts';
import { type CaseRow, checkUploadField, loadCaseVisibleToUser } from './case-access.ts';
import type { SpooledFile } from './spool.ts';
import { refuse } from './upload-refused.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form fields sent before the file. */
export interface UploadTarget {
  caseId: string;
  field: string;
  taskId: string | null;
}

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
): Promise<{ target: UploadTarget; caseRow: CaseRow }> {
  const caseId = fields.caseId ?? '';
  const field = fields.field ?? '';
  const taskId = fields.taskId || null;
  if (!UUID.test(caseId)) {
    throw refuse(
      400,
      'UPLOAD_CASE_ID',
      'Kolom "caseId" wajib dikirim sebelum berkas.',
      '"caseId" must come before the file.',
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
  return { target: { caseId, field, taskId }, caseRow };
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
    field: target.field,
    taskId: target.taskId,
    uploadedBy: user.id,
    uploadedAt: at,
  });
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
  if (!row || !(await loadCaseVisibleToUser(db, user, row.caseId))) throw notFound('Berkas', 'File');
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
