import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/sessions.ts';
import { caseFiles, letters } from '../../db/schema.ts';
import type { AppDeps } from '../../deps.ts';
import { runHeavy } from '../../guards/guards.ts';
import { fileServiceOf } from '../files/file-service.ts';
import type { GeneratedLetter } from './generate-letter.ts';
import { readBlobBytes } from './template-bytes.ts';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Converts the letter's DOCX to PDF (outside the numbering transaction: LibreOffice takes seconds)
 * and attaches it; a failed conversion leaves the letter as DOCX only (null).
 */
export async function attachLetterPdf(
  deps: AppDeps,
  user: SessionUser,
  letter: GeneratedLetter,
): Promise<string | null> {
  const converter = deps.pdfConverter;
  if (!converter) return null;
  const db = deps.database.db;
  try {
    const [file] = await db.select().from(caseFiles).where(eq(caseFiles.fileId, letter.fileId));
    if (!file) return null;
    const docx = await readBlobBytes(deps, { sha256: file.sha256, size: file.size });
    const pdf = await runHeavy(deps, () => converter.convert(docx));
    const sha256 = sha256Of(pdf);
    const pdfFileId = randomUUID();
    const stored = await db.transaction(async (tx) => {
      await fileServiceOf(deps).store.storeWithin(tx, pdf, sha256);
      await tx.insert(caseFiles).values({
        ...file,
        fileId: pdfFileId,
        name: file.name.replace(/\.docx$/i, '.pdf'),
        size: pdf.byteLength,
        contentType: 'application/pdf',
        sha256,
        uploadedBy: user.id,
        uploadedAt: deps.now().toISOString(),
      });
      // Only while the letter still names this DOCX (a regeneration meanwhile brings its own PDF).
      const updated = await tx
        .update(letters)
        .set({ pdfFileId })
        .where(and(eq(letters.id, letter.letterId), eq(letters.fileId, letter.fileId)))
        .returning({ id: letters.id });
      if (updated.length === 0) throw new Error('letter changed meanwhile');
      return pdfFileId;
    });
    return stored;
  } catch (error) {
    // No personal data in the log: ids and the converter's message only.
    console.warn(
      `[letters] PDF conversion failed for letter ${letter.letterId}: ${(error as Error).message}`,
    );
    return null;
  }
}
