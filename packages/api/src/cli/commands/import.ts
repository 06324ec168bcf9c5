import { extname } from 'node:path';
import { type ImportResult, importSopTables, summarizeDocument } from '@alur/schema';
import { readServerLimits } from '../../guards/server-limits.ts';
import { guardErrorToAppError } from '../../services/import.ts';
import { type CliCommand, type CliIo, parseArgs, readInputBytes, readInputFile } from '../cli-io.ts';
import { formatSummary } from './summary.ts';

/** Prints one import result for people: the table as read, then every guess. */
function printResult(r: ImportResult, k: number, io: CliIo) {
  if (!r.ok) {
    io.out(`Tabel ${k + 1}: GAGAL ${r.error.code}: ${r.error.message.id}`);
    return;
  }
  io.out(formatSummary(summarizeDocument(r.document)));
  io.out(`Laporan impor (${r.report.guesses.length} tebakan):`);
  for (const g of r.report.guesses) {
    const at = g.row ? `baris ${g.row}` : g.line ? `teks baris ${g.line}` : 'tabel';
    io.out(`  - [${g.kind}] ${at}: ${g.message.id}`);
  }
  io.out('');
}

/**
 * Reads a .docx/.xlsx/.bpmn/.json file through the document importers; tables otherwise. A file
 * over the archive budget or with unsafe XML fails with the limit it broke, as on the server.
 */
async function importFile(path: string | undefined, io: CliIo): Promise<ImportResult[]> {
  try {
    return await importFileUnguarded(path, io);
  } catch (error) {
    const refused = guardErrorToAppError(error);
    if (!refused) throw error;
    return [{ ok: false, error: { code: 'INVALID_DOCUMENT', message: refused.messages } }];
  }
}

async function importFileUnguarded(path: string | undefined, io: CliIo): Promise<ImportResult[]> {
  const ext = extname(path ?? '').toLowerCase();
  if (ext === '.docx' || ext === '.xlsx') {
    const { importSopDocx, importSopXlsx } = await import('@alur/documents');
    const bytes = readInputBytes(path, io);
    // The same budget as the server (ALUR_ARCHIVE_MAX_MB …): a bomb costs the CLI no memory either.
    const budget = readServerLimits().archive;
    const r = ext === '.docx' ? await importSopDocx(bytes, budget) : await importSopXlsx(bytes, budget);
    return [r.ok ? r : { ok: false, error: { code: 'NO_HEADER', message: r.error.message } }];
  }
  if (ext === '.bpmn' || ext === '.xml') {
    const { importBpmn } = await import('@alur/documents');
    const r = await importBpmn(readInputFile(path, io));
    if (!r.ok) return [{ ok: false, error: { code: 'INVALID_DOCUMENT', message: r.error.message } }];
    const steps = r.document.nodes.filter((n) => n.type === 'activity' || n.type === 'decision').length;
    const guesses = r.report.notes.map((message) => ({ kind: 'column-role' as const, message }));
    return [{ ok: true, document: r.document, report: { name: r.report.name, rowCount: steps, guesses } }];
  }
  if (ext === '.json') {
    const { importJson } = await import('@alur/documents');
    const r = importJson(readInputFile(path, io));
    if (!r.ok) return [{ ok: false, error: { code: 'INVALID_DOCUMENT', message: r.error.message } }];
    const steps = r.document.nodes.filter((n) => n.type === 'activity' || n.type === 'decision').length;
    return [
      {
        ok: true,
        document: r.document,
        report: { name: r.document.identity.nama, rowCount: steps, guesses: [] },
      },
    ];
  }
  return importSopTables(readInputFile(path, io));
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'alur import <berkas.txt|.docx|.xlsx|.bpmn|.json> [--json]',
  summary: 'Mengimpor SOP (tabel teks bertab, Word, Excel, BPMN 2.0, JSON) beserta laporan tebakannya',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['--json']);
    const results = await importFile(positional[0], io);
    if (flags.has('--json')) {
      const out = results.map((r) => (r.ok ? { ok: true, document: r.document, report: r.report } : r));
      io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
    } else {
      results.forEach((r, k) => {
        printResult(r, k, io);
      });
    }
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
