/** Cleans a table cell: no markdown bold, no non-breaking or repeated spaces, trimmed. */
export function cleanCell(cell: string): string {
  return cell
    .replace(/\*\*/g, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-cases and strips punctuation so that "Ka.DINAS" and "ka dinas" compare equal. */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a lane cell holds: a symbol the drafter typed, or stray text. */
export type MarkKind = 'empty' | 'actor' | 'mulai' | 'selesai' | 'ya' | 'tidak' | 'connector' | 'prose';

const ACTOR_MARKS = new Set(['x', 'v', '✓', '✔', '√', '•', '●', '■', '□', '○', 'o', '*', '+']);

/** Classifies a lane cell. Single letters/digits other than the actor marks are page connectors. */
export function classifyMark(cell: string): MarkKind {
  const t = cleanCell(cell)
    .toLowerCase()
    .replace(/[.:]+$/, '');
  if (t === '') return 'empty';
  if (ACTOR_MARKS.has(t)) return 'actor';
  if (t === 'mulai' || t === 'start') return 'mulai';
  if (t === 'selesai' || t === 'end' || t === 'akhir') return 'selesai';
  if (t === 'ya' || t === 'y' || t === 'yes') return 'ya';
  if (t === 'tidak' || t === 'tdk' || t === 't' || t === 'no') return 'tidak';
  if (/^[a-z0-9]$/.test(t)) return 'connector';
  return 'prose';
}

/** Title-cases a line written in capitals ("KEPALA DINAS SOSIAL" → "Kepala Dinas Sosial"). */
export function titleCaseIfShouting(text: string): string {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 4 || letters !== letters.toUpperCase()) return text;
  return text
    .toLowerCase()
    .replace(/(^|[\s/(.-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}
