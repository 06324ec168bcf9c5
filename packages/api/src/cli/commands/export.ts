import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importSopTables, parseDocument, type SopDocument } from '@alur/schema';
import { EXPORT_FORMATS, type ExportFormat, renderExport } from '../../services/export.ts';
import { type CliCommand, parseJsonText, readInputFile, UsageError } from '../cli-io.ts';

/** Reads a document (.json) or a table (.txt: its first SOP table, imported). */
function readDocument(path: string | undefined, io: Parameters<CliCommand['run']>[1]): SopDocument | null {
  const text = readInputFile(path, io);
  if (path!.endsWith('.json')) {
    const json = parseJsonText(text);
    const parsed = json.ok ? parseDocument(json.value) : null;
    if (!parsed?.ok) {
      io.err(`${path}: bukan dokumen SOP yang sah.`);
      return null;
    }
    return parsed.document;
  }
  const first = importSopTables(text)[0];
  if (!first?.ok) {
    io.err(`${path}: ${first && !first.ok ? first.error.message.id : 'tidak ada tabel SOP.'}`);
    return null;
  }
  return first.document;
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'alur export <sop.json|tabel.txt> --format pdf|docx|bpmn|json [--paper a4|f4] -o <berkas>',
  summary: 'Mencetak dokumen resmi SOP (PDF/DOCX) atau mengekspor BPMN 2.0 / JSON',
  async run(args, io) {
    let format: string | undefined;
    let paper = 'a4';
    let out: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--format') format = args[++i];
      else if (a === '--paper') paper = args[++i] ?? '';
      else if (a === '-o' || a === '--output') out = args[++i];
      else if (a.startsWith('-')) throw new UsageError(`Opsi tidak dikenal: ${a} (unknown option)`);
      else positional.push(a);
    }
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format wajib: ${EXPORT_FORMATS.join(', ')}.`);
    }
    if (paper !== 'a4' && paper !== 'f4') throw new UsageError('--paper harus a4 atau f4.');
    if (!out) throw new UsageError('-o <berkas> wajib.');
    const document = readDocument(positional[0], io);
    if (!document) return 1;
    const file = await renderExport(document, format as ExportFormat, paper);
    const target = resolve(io.cwd, out);
    writeFileSync(target, file.bytes);
    io.out(
      `${out}: ${file.bytes.byteLength} bita (${format}${format === 'pdf' || format === 'docx' ? `, ${paper.toUpperCase()}` : ''}).`,
    );
    return 0;
  },
};
