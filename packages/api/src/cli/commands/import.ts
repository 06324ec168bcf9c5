import { type ImportResult, importSopTables, summarizeDocument } from '@alur/schema';
import { type CliCommand, type CliIo, parseArgs, readInputFile } from '../cli-io.ts';
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

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'alur import <tabel.txt> [--json]',
  summary: 'Mengimpor tabel SOP (teks bertab); beberapa tabel dalam satu berkas → semuanya',
  run(args, io) {
    const { positional, flags } = parseArgs(args, ['--json']);
    const results = importSopTables(readInputFile(positional[0], io));
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
