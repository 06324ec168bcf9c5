import { parseDocument, type ValidationIssue, validateSop } from '@alur/schema';
import { type CliCommand, parseArgs, parseJsonText, readInputFile } from '../cli-io.ts';

/** One line per issue: severity, code, the element and field it points at, the Indonesian message. */
export function formatIssue(i: ValidationIssue): string {
  const where = [i.element.kind, i.element.id].filter(Boolean).join(' ');
  const field = i.field ? `, ${i.field}` : '';
  return `${i.severity === 'error' ? '✗' : '!'} ${i.code} [${where}${field}] ${i.message.id}`;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'alur validate <berkas.json>',
  summary: 'Memeriksa dokumen SOP (exit 0 sah, 1 ada masalah)',
  run(args, io) {
    const { positional } = parseArgs(args, []);
    const path = positional[0];
    const json = parseJsonText(readInputFile(path, io));
    if (!json.ok) {
      io.err(`${path}: ${json.message}`);
      return 1;
    }
    const parsed = parseDocument(json.value);
    if (!parsed.ok) {
      for (const i of parsed.issues) io.out(`✗ SCHEMA [${i.path || 'dokumen'}] ${i.message}`);
      io.out(`${path}: tidak sesuai skema dokumen SOP (${parsed.issues.length} masalah).`);
      return 1;
    }
    const issues = validateSop(parsed.document);
    for (const i of issues) io.out(formatIssue(i));
    const errors = issues.filter((i) => i.severity === 'error').length;
    const warnings = issues.length - errors;
    if (errors > 0) {
      io.out(`${path}: ${errors} kesalahan, ${warnings} peringatan.`);
      return 1;
    }
    io.out(`${path}: sah${warnings ? ` (${warnings} peringatan)` : ''}.`);
    return 0;
  },
};
