import { importSopTables } from '@alur/schema';
import { AppError } from '../errors.ts';

/** Imports every SOP table found in pasted text; a text without one is a clear error. */
export function importSop(input: { format: 'table'; content: string }) {
  const results = importSopTables(input.content);
  const ok = results.filter((r) => r.ok);
  if (ok.length === 0) {
    const first = results.find((r) => !r.ok);
    throw new AppError(
      'BAD_REQUEST',
      first && !first.ok ? first.error.code : 'NO_TABLE',
      first && !first.ok
        ? first.error.message
        : {
            id: 'Tidak ditemukan tabel SOP: diharapkan baris judul NO | KEGIATAN | PELAKSANA … | MUTU BAKU | KET.',
            en: 'No SOP table found: expected a header row NO | KEGIATAN | PELAKSANA … | MUTU BAKU | KET.',
          },
    );
  }
  return { results: ok.map((r) => ({ document: r.document, report: r.report })) };
}
