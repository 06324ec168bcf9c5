import { type ArchiveBudget, ArchiveBudgetError, DEFAULT_ARCHIVE_BUDGET } from '../archive/archive-budget.ts';
import { XmlLimitError } from '../xml/xml-guard.ts';
import { extractDocxTables } from './extract-docx.ts';
import { extractXlsxGrid, findHeaderRow } from './extract-xlsx.ts';

export type SopGridResult =
  | { ok: true; rows: string[][] }
  | { ok: false; error: { code: 'NOT_AN_ARCHIVE' | 'NO_SOP_TABLE'; message: { id: string; en: string } } };

const EXPECTED = {
  id: 'Diharapkan tabel SOP dengan baris judul kolom NO, KEGIATAN, pelaksana (satu kolom per jabatan), KELENGKAPAN, WAKTU, OUTPUT, KETERANGAN.',
  en: 'Expected an SOP table with a header row NO, KEGIATAN, one column per pelaksana (position), KELENGKAPAN, WAKTU, OUTPUT, KETERANGAN.',
};

function noTable(what: string, whatEn: string): SopGridResult {
  return {
    ok: false,
    error: {
      code: 'NO_SOP_TABLE',
      message: {
        id: `${what} tidak berisi tabel SOP. ${EXPECTED.id}`,
        en: `${whatEn} holds no SOP table. ${EXPECTED.en}`,
      },
    },
  };
}

function notArchive(kind: string, reason: unknown): SopGridResult {
  // Over a budget or unsafe XML is not "unreadable": the caller answers with the limit it broke.
  if (reason instanceof ArchiveBudgetError || reason instanceof XmlLimitError) throw reason;
  const detail = reason instanceof Error ? reason.message : String(reason);
  return {
    ok: false,
    error: {
      code: 'NOT_AN_ARCHIVE',
      message: {
        id: `Berkas bukan ${kind} yang dapat dibaca (${detail}).`,
        en: `The file is not a readable ${kind} (${detail}).`,
      },
    },
  };
}

/**
 * The rows of the SOP table of a .docx: the table (with any title rows above its header) whose
 * header reads NO, KEGIATAN …; the identity-sheet tables are left out.
 */
export async function readSopGridFromDocx(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<SopGridResult> {
  let tables: string[][][];
  try {
    tables = await extractDocxTables(bytes, budget);
  } catch (e) {
    return notArchive('dokumen Word (.docx)', e);
  }
  const table = tables.find((t) => findHeaderRow(t) >= 0);
  return table ? { ok: true, rows: table } : noTable('Dokumen Word ini', 'This Word document');
}

/** The rows of the worksheet that holds the SOP table of an .xlsx (opened within `budget`). */
export async function readSopGridFromXlsx(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<SopGridResult> {
  let grid: string[][];
  try {
    grid = await extractXlsxGrid(bytes, budget);
  } catch (e) {
    return notArchive('buku kerja Excel (.xlsx)', e);
  }
  return findHeaderRow(grid) >= 0
    ? { ok: true, rows: grid }
    : noTable('Buku kerja Excel ini', 'This Excel workbook');
}
