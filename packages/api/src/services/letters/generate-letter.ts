import { createHash, randomUUID } from 'node:crypto';
import { computeAgencyToday, formatLetterNumber } from '@alur/schema/core';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { canWorkTask, loadVisibleTask } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Tx } from '../../db/client.ts';
import { agencies, auditEvents, caseFiles, cases, letterOutputs, letters } from '../../db/schema.ts';
import type { AppDeps } from '../../deps.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { AppError } from '../../errors.ts';
import { cleanFileName } from '../files/file-name.ts';
import { fileServiceOf } from '../files/file-service.ts';
import { withIdempotency } from '../idempotency.ts';
import { assertLetterDataComplete, buildLetterData } from './letter-data.ts';
import { attachLetterPdf } from './letter-pdf.ts';
import { letterOutputKey, readLetterSettings, resolveLetterTemplate } from './letter-setup.ts';
import { fillRenderedLetter, prepareLetter, readTemplateTags } from './letter-template.ts';
import { readTemplateBytes } from './template-bytes.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What `letter.generate` answers. */
export interface GeneratedLetter {
  letterId: string;
  fileId: string;
  number: string;
  pdfFileId: string | null;
}

async function rowsOf<T>(tx: Tx, statement: SQL): Promise<T[]> {
  const result = (await tx.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The next serial of the agency's series in `year`: the counter row is created or incremented and
 * stays locked until the transaction ends, so serials are unique and gap-free across processes, and
 * a rolled-back generation gives its serial back.
 */
async function allocateSerial(tx: Tx, agencyId: string, series: string, year: number): Promise<number> {
  const [row] = await rowsOf<{ last: number }>(
    tx,
    sql`insert into letter_counters (agency_id, series, year, last) values (${agencyId}, ${series}, ${year}, 1)
        on conflict (agency_id, series, year) do update set last = letter_counters.last + 1
        returning last`,
  );
  return Number(row!.last);
}

function refuse(kind: 'BAD_REQUEST' | 'CONFLICT' | 'FORBIDDEN', code: string, id: string, en: string) {
  return new AppError(kind, code, { id, en });
}

/**
 * Generations running at once in this process. Letters are numbered one at a time anyway (the
 * counter row), and each holds its lock across a few round trips: with many at once, other
 * letters' rendering (synchronous CPU) would run between those round trips and stretch the lock.
 * The rest wait their turn here, in memory.
 */
const GENERATIONS_AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= GENERATIONS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * `letter.generate`: fills the step's template with the case's data, numbers it and attaches the
 * DOCX to the case — one transaction under the case's lock: the data is checked and the letter
 * rendered before anything is written, and a failure rolls the serial back. Generating again keeps
 * the number unless `newNumber` (audited `letter.renumbered`). A PDF follows when LibreOffice is
 * on the machine.
 */
export function generateLetter(
  deps: AppDeps,
  user: SessionUser,
  input: { taskId: string; newNumber?: boolean; idempotencyKey?: string },
): Promise<GeneratedLetter> {
  return inTurn(() => generateNow(deps, user, input));
}

async function generateNow(
  deps: AppDeps,
  user: SessionUser,
  input: { taskId: string; newNumber?: boolean; idempotencyKey?: string },
): Promise<GeneratedLetter> {
  const db = deps.database.db;
  // Outside the transaction: what only reads (PGlite has one connection; a blob read inside the
  // transaction would wait for it).
  const task = await loadVisibleTask(db, user, input.taskId);
  if (!canWorkTask(user, task.positionKey)) {
    throw refuse(
      'FORBIDDEN',
      'NOT_YOUR_POSITION',
      'Surat hanya dapat dibuat oleh pemegang jabatan tugas ini.',
      "Only holders of the task's position may make its letter.",
    );
  }
  const [caseRef] = await db
    .select({ versionId: cases.versionId, sopId: cases.sopId })
    .from(cases)
    .where(eq(cases.id, task.caseId));
  const template = await resolveLetterTemplate(db, {
    versionId: caseRef!.versionId,
    sopId: caseRef!.sopId,
    nodeId: task.nodeId,
  });
  if (!template) {
    throw refuse(
      'BAD_REQUEST',
      'LETTER_NO_TEMPLATE',
      'Langkah ini belum memiliki templat surat. Administrator dapat mengunggahnya di Administrasi › Surat.',
      'This step has no letter template. An administrator can upload one in Administration › Letters.',
    );
  }
  const templateBytes = await readTemplateBytes(deps, template);
  const structure = readTemplateTags(templateBytes).structure;
  const store = fileServiceOf(deps).store;

  const answer = await withIdempotency(db, user.id, input.idempotencyKey, 'letter.generate', async (tx) => {
    const [caseRow] = await tx
      .select({
        status: cases.status,
        number: cases.number,
        title: cases.title,
        version_id: cases.versionId,
        sop_id: cases.sopId,
        agency_id: cases.agencyId,
        data: cases.data,
      })
      .from(cases)
      .where(eq(cases.id, task.caseId))
      .for('update');
    const [current] = await rowsOf<{ status: string }>(
      tx,
      sql`select status from tasks where id = ${task.id}`,
    );
    if (caseRow?.status !== 'active' || (current?.status !== 'open' && current?.status !== 'claimed')) {
      throw refuse(
        'CONFLICT',
        'TASK_NOT_OPEN',
        'Tugas ini sudah selesai atau kasusnya ditutup: surat tidak dapat dibuat lagi.',
        'The task is done or its case closed: the letter can no longer be made.',
      );
    }
    const document = await loadVersionDocument(tx, caseRow.version_id);
    const node = document.nodes.find((n) => n.id === task.nodeId);
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, caseRow.agency_id));
    const [output] = await tx
      .select()
      .from(letterOutputs)
      .where(and(eq(letterOutputs.sopId, caseRow.sop_id), eq(letterOutputs.nodeId, task.nodeId)));
    const settings = await readLetterSettings(tx, caseRow.agency_id);
    const files = await tx
      .select({ field: caseFiles.field, name: caseFiles.name })
      .from(caseFiles)
      .where(eq(caseFiles.caseId, task.caseId))
      .orderBy(asc(caseFiles.uploadedAt), asc(caseFiles.fileId));
    const filesByField = new Map<string, string[]>();
    for (const f of files) filesByField.set(f.field, [...(filesByField.get(f.field) ?? []), f.name]);

    const now = deps.now();
    const zone = agency!.timeZone;
    const [year, month] = computeAgencyToday(now, zone).split('-').map(Number) as [number, number];
    const signer = output?.signer ?? document.identity.disahkanOleh;
    const kode = output?.kode ?? '';
    const format = output?.format ?? settings.format;
    const context = {
      number: '',
      now,
      timeZone: zone,
      caseNumber: caseRow.number,
      agency: { name: agency!.name, address: agency!.address },
      signer,
    };
    const values = caseRow.data ?? {};
    // Checked before a serial is taken: a letter with empty fields never costs a number.
    assertLetterDataComplete(
      structure,
      buildLetterData(document.dataFields, values, filesByField, context),
      document.dataFields,
    );

    const [existing] = await tx
      .select()
      .from(letters)
      .where(
        and(eq(letters.caseId, task.caseId), eq(letters.nodeId, task.nodeId), isNull(letters.replacedBy)),
      );
    const keep = existing !== undefined && !input.newNumber;
    // Rendered before the serial is taken, with a placeholder for the number (letters and digits:
    // nothing in rendering changes it); the counter's lock then covers only the patch and writes.
    const placeholder = `NOMORSURAT${randomUUID().replace(/-/g, '')}`;
    const rendered = prepareLetter(
      templateBytes,
      buildLetterData(document.dataFields, values, filesByField, {
        ...context,
        number: keep ? existing.number : placeholder,
      }),
    );
    let serial: { series: string; year: number; seq: number; number: string };
    if (keep) {
      serial = existing;
    } else {
      const seq = await allocateSerial(tx, caseRow.agency_id, kode, year);
      serial = {
        series: kode,
        year,
        seq,
        number: formatLetterNumber(format, { kode, unit: settings.unit, serial: seq, year, month }),
      };
    }
    const bytes = fillRenderedLetter(rendered, keep ? '' : placeholder, serial.number);
    const sha256 = sha256Of(bytes);
    const subject = output?.subject || node?.mutuBaku.output || node?.kegiatan || template.name;
    const recipientValue = output?.recipientField ? values[output.recipientField] : undefined;
    const recipient =
      typeof recipientValue === 'string' && recipientValue.trim() ? recipientValue.trim() : caseRow.title;
    const at = now.toISOString();
    const fileId = randomUUID();
    const letterId = keep ? existing.id : randomUUID();
    const name = cleanFileName(`${subject} ${serial.number.replace(/[/\\]/g, '-')}.docx`);
    // Few round trips while the counter row is locked: the bytes in one statement, the renumbered
    // letter's release (its own statement: the one-letter-per-step index checks row by row), then
    // the case file, the letter and its audit events together.
    await store.storeWithin(tx, bytes, sha256);
    if (existing && !keep) {
      await tx
        .update(letters)
        .set({ replacedBy: letterId, updatedAt: at })
        .where(eq(letters.id, existing.id));
    }
    const writeLetter = keep
      ? tx
          .update(letters)
          .set({ fileId, pdfFileId: null, templateId: template.id, subject, recipient, updatedAt: at })
          .where(eq(letters.id, existing.id))
      : tx.insert(letters).values({
          id: letterId,
          agencyId: caseRow.agency_id,
          caseId: task.caseId,
          taskId: task.id,
          nodeId: task.nodeId,
          templateId: template.id,
          series: serial.series,
          year: serial.year,
          seq: serial.seq,
          number: serial.number,
          fileId,
          subject,
          recipient,
          createdBy: user.id,
          createdAt: at,
          updatedAt: at,
        });
    const audit = {
      agencyId: caseRow.agency_id,
      actorId: user.id,
      sopId: caseRow.sop_id,
      caseId: task.caseId,
      taskId: task.id,
      nodeId: task.nodeId,
      at,
    };
    const events = [
      ...(existing && !keep
        ? [
            {
              ...audit,
              action: 'letter.renumbered',
              data: { letterId, from: existing.number, to: serial.number, replaced: existing.id },
            },
          ]
        : []),
      {
        ...audit,
        action: 'letter.generated',
        data: { letterId, number: serial.number, fileId, templateId: template.id, sha256 },
      },
    ];
    const writeFile = tx.insert(caseFiles).values({
      fileId,
      agencyId: caseRow.agency_id,
      caseId: task.caseId,
      field: letterOutputKey(task.nodeId),
      taskId: task.id,
      name,
      size: bytes.byteLength,
      contentType: DOCX_TYPE,
      sha256,
      uploadedBy: user.id,
      uploadedAt: at,
    });
    await tx.execute(
      sql`with f as (${writeFile.getSQL()}), l as (${writeLetter.getSQL()}), a as (${tx.insert(auditEvents).values(events).getSQL()}) select 1`,
    );
    const generated: GeneratedLetter = { letterId, fileId, number: serial.number, pdfFileId: null };
    return generated;
  });
  const letter = { ...answer };
  if (deps.pdfConverter && letter.pdfFileId === null) {
    letter.pdfFileId = await attachLetterPdf(deps, user, letter);
  }
  return letter;
}
