import { and, asc, eq, gte, ilike, isNull, lt, or, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { assertMay, canWorkTask, loadVisibleTask } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db, Tx } from '../../db/client.ts';
import { agencies, cases, letters, sops, users } from '../../db/schema.ts';
import { resolveLetterTemplate } from './letter-setup.ts';

/** The letters of a case that are in force (a renumbered one is replaced), oldest first, for `case.get`. */
export async function listCaseLetters(db: Db, caseId: string) {
  return db
    .select({
      letterId: letters.id,
      number: letters.number,
      fileId: letters.fileId,
      pdfFileId: letters.pdfFileId,
      nodeId: letters.nodeId,
      subject: letters.subject,
      createdAt: letters.createdAt,
      updatedAt: letters.updatedAt,
    })
    .from(letters)
    .where(and(eq(letters.caseId, caseId), isNull(letters.replacedBy)))
    .orderBy(asc(letters.createdAt), asc(letters.seq));
}

export interface RegisterFilter {
  /** First and last day (YYYY-MM-DD, the agency's calendar), both included. */
  from?: string;
  to?: string;
  sopId?: string;
  /** Words in the number, subject, recipient or case number. */
  q?: string;
}

/** The most rows one register answer or export holds; narrow the dates for more. */
export const REGISTER_LIMIT = 5000;

/**
 * `letter.register`: the buku agenda surat keluar — every numbered letter of the agency in order
 * of number and date, replaced numbers included (marked), so the archive shows no gap. Leaders and
 * admins (`readLetterRegister`).
 */
export async function listLetterRegister(db: Db, user: SessionUser, filter: RegisterFilter) {
  assertMay(user, 'readLetterRegister');
  const [agency] = await db
    .select({ zone: agencies.timeZone })
    .from(agencies)
    .where(eq(agencies.id, user.agencyId));
  const zone = agency?.zone ?? 'Asia/Jakarta';
  const conditions: SQL[] = [eq(letters.agencyId, user.agencyId)];
  if (filter.from) {
    conditions.push(
      gte(letters.createdAt, DateTime.fromISO(filter.from, { zone }).startOf('day').toUTC().toISO()!),
    );
  }
  if (filter.to) {
    conditions.push(
      lt(
        letters.createdAt,
        DateTime.fromISO(filter.to, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO()!,
      ),
    );
  }
  if (filter.sopId) conditions.push(eq(cases.sopId, filter.sopId));
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(letters.number, like),
        ilike(letters.subject, like),
        ilike(letters.recipient, like),
        ilike(cases.number, like),
      )!,
    );
  }
  const rows = await db
    .select({
      letterId: letters.id,
      number: letters.number,
      series: letters.series,
      year: letters.year,
      seq: letters.seq,
      createdAt: letters.createdAt,
      caseId: letters.caseId,
      caseNumber: cases.number,
      sopId: cases.sopId,
      sopName: sops.name,
      subject: letters.subject,
      recipient: letters.recipient,
      fileId: letters.fileId,
      replacedBy: letters.replacedBy,
      createdByName: users.displayName,
    })
    .from(letters)
    .innerJoin(cases, eq(cases.id, letters.caseId))
    .innerJoin(sops, eq(sops.id, cases.sopId))
    .leftJoin(users, eq(users.id, letters.createdBy))
    .where(and(...conditions))
    .orderBy(asc(letters.createdAt), asc(letters.series), asc(letters.seq))
    .limit(REGISTER_LIMIT);
  const numberOf = new Map(rows.map((r) => [r.letterId, r.number]));
  return {
    timeZone: zone,
    letters: rows.map((r) => ({
      ...r,
      replacedByNumber: r.replacedBy ? (numberOf.get(r.replacedBy) ?? null) : null,
    })),
  };
}

/** The register as an Excel workbook (Indonesian headings), same rows as `letter.register`. */
export async function buildLetterRegisterXlsx(db: Db, user: SessionUser, filter: RegisterFilter) {
  const register = await listLetterRegister(db, user, filter);
  const { default: ExcelJS } = await import('exceljs');
  const { formatAgencyDate } = await import('@alur/schema/core');
  const book = new ExcelJS.Workbook();
  book.creator = 'Alur';
  const sheet = book.addWorksheet('Surat Keluar');
  sheet.columns = [
    { header: 'No', key: 'no', width: 6 },
    { header: 'Nomor Surat', key: 'number', width: 28 },
    { header: 'Tanggal', key: 'date', width: 18 },
    { header: 'Nomor Kasus', key: 'caseNumber', width: 16 },
    { header: 'Perihal', key: 'subject', width: 40 },
    { header: 'Tujuan / Penerima', key: 'recipient', width: 30 },
    { header: 'SOP', key: 'sopName', width: 40 },
    { header: 'Keterangan', key: 'note', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  register.letters.forEach((l, i) => {
    sheet.addRow({
      no: i + 1,
      number: l.number,
      date: formatAgencyDate(l.createdAt, register.timeZone),
      caseNumber: l.caseNumber,
      subject: l.subject,
      recipient: l.recipient,
      sopName: l.sopName,
      note: l.replacedBy ? `Diganti nomor ${l.replacedByNumber ?? ''}`.trim() : '',
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * `letter.forTask`: whether the task's step makes a letter, and the case's letter of that step if
 * made — what the task page's "Buat surat" button needs. Same visibility as `task.get`.
 */
export async function getTaskLetter(db: Db, user: SessionUser, taskId: string) {
  const task = await loadVisibleTask(db, user, taskId);
  const [caseRow] = await db
    .select({ versionId: cases.versionId, sopId: cases.sopId })
    .from(cases)
    .where(eq(cases.id, task.caseId));
  const template = await resolveLetterTemplate(db, {
    versionId: caseRow!.versionId,
    sopId: caseRow!.sopId,
    nodeId: task.nodeId,
  });
  const [letter] = await db
    .select({
      letterId: letters.id,
      number: letters.number,
      fileId: letters.fileId,
      pdfFileId: letters.pdfFileId,
      updatedAt: letters.updatedAt,
    })
    .from(letters)
    .where(and(eq(letters.caseId, task.caseId), eq(letters.nodeId, task.nodeId), isNull(letters.replacedBy)));
  return {
    hasTemplate: template !== null,
    canGenerate:
      template !== null && canWorkTask(user, task.positionKey) && ['open', 'claimed'].includes(task.status),
    letter: letter ?? null,
  };
}

/**
 * Retention: a case's letters keep their register entry (number, date, subject) but lose the
 * recipient, which names the applicant. Called inside the erasing transaction.
 */
export async function eraseLetterRecipients(tx: Tx, caseId: string): Promise<void> {
  await tx.update(letters).set({ recipient: '' }).where(eq(letters.caseId, caseId));
}
