import { importSopTables, parseDocument, type SopSummary, summarizeDocument } from '@alur/schema';
import { type CliCommand, parseArgs, parseJsonText, readInputFile } from '../cli-io.ts';

/** The printed table in a few lines: name, lanes, rows with their lane, waktu and decision exits. */
export function formatSummary(s: SopSummary): string {
  const exit = (n: number | null | undefined) => (n === null ? 'Selesai' : String(n));
  const lines = [`SOP: ${s.name}`, `Pelaksana: ${s.lanes.join(' | ')}`];
  for (const r of s.rows) {
    const dec = r.kind === 'decision' ? ` ◇ ya→${exit(r.ya)} tidak→${exit(r.tidak)}` : '';
    lines.push(
      `${String(r.no).padStart(3)}. [${r.lane}] ${r.kegiatan}${r.waktu ? ` (${r.waktu})` : ''}${dec}`,
    );
  }
  lines.push(`Jumlah waktu: ${s.totalWaktu || '-'}`);
  return lines.join('\n');
}

export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'alur summary <berkas.json|tabel.txt> [--json]',
  summary: 'Ringkasan SOP: pelaksana, baris, waktu, jalur ya/tidak',
  run(args, io) {
    const { positional, flags } = parseArgs(args, ['--json']);
    const path = positional[0] ?? '';
    const text = readInputFile(path, io);
    const summaries: SopSummary[] = [];
    if (path.toLowerCase().endsWith('.json')) {
      const json = parseJsonText(text);
      const parsed = json.ok ? parseDocument(json.value) : null;
      if (!parsed?.ok) {
        const why = !json.ok
          ? json.message
          : (parsed?.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
        io.err(`${path}: bukan dokumen SOP yang sah: ${why}`);
        return 1;
      }
      summaries.push(summarizeDocument(parsed.document));
    } else {
      for (const r of importSopTables(text)) {
        if (!r.ok) {
          io.err(`${path}: ${r.error.code}: ${r.error.message.id}`);
          return 1;
        }
        summaries.push(summarizeDocument(r.document));
      }
    }
    if (flags.has('--json'))
      io.out(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2));
    else io.out(summaries.map(formatSummary).join('\n\n'));
    return 0;
  },
};
