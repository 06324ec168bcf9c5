import type { DataField } from '@alur/schema';
import { formatAgencyDate, formatCalendarDate } from '@alur/schema/core';
import { AppError } from '../../errors.ts';
import { LetterValue, type TemplateTag } from './letter-template.ts';

/** What a letter is filled with besides the case's data fields. */
export interface LetterContext {
  number: string;
  now: Date;
  timeZone: string;
  caseNumber: string;
  agency: { name: string; address: string };
  signer: { nama: string; jabatan: string; nip: string };
}

const money = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const plain = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 6 });

/** One stored value as a letter prints it (Indonesian conventions: "Rp 1.500.000", "1 Desember 2026"). */
function toLetterValue(field: DataField, value: unknown, files: string[]): LetterValue {
  if (field.type === 'file') {
    const items = files.map((nama, i) => ({ nama, nomor: i + 1 }));
    return new LetterValue(files.join(', '), field.multiple ? items : files.length > 0);
  }
  if (value === undefined || value === null || value === '') return new LetterValue('', false);
  switch (field.type) {
    case 'yesno':
      return new LetterValue(value === true ? 'Ya' : 'Tidak', value === true);
    case 'money':
      return new LetterValue(typeof value === 'number' ? `Rp ${money.format(value)}` : String(value), true);
    case 'number':
      return new LetterValue(typeof value === 'number' ? plain.format(value) : String(value), true);
    case 'date':
      return new LetterValue(formatCalendarDate(String(value)), true);
    default:
      return new LetterValue(String(value), true);
  }
}

/**
 * The data a template is filled with: the case's fields (non-file values from `cases.data`, file
 * fields from the names of its files) and the built-in tags, all as flat keys.
 */
export function buildLetterData(
  fields: readonly DataField[],
  values: Record<string, unknown>,
  filesByField: ReadonlyMap<string, string[]>,
  context: LetterContext,
): Record<string, LetterValue> {
  const data: Record<string, LetterValue> = Object.create(null);
  for (const field of fields) {
    data[field.key] = toLetterValue(field, values[field.key], filesByField.get(field.key) ?? []);
  }
  const text = (s: string) => new LetterValue(s, s !== '');
  Object.assign(data, {
    nomor_surat: text(context.number),
    tanggal: text(formatAgencyDate(context.now, context.timeZone)),
    'kasus.nomor': text(context.caseNumber),
    'instansi.nama': text(context.agency.name),
    'instansi.alamat': text(context.agency.address),
    'penandatangan.nama': text(context.signer.nama),
    'penandatangan.jabatan': text(context.signer.jabatan),
    'penandatangan.nip': text(context.signer.nip),
  });
  return data;
}

/** Labels of the built-in tags, for the "empty" message. */
const BUILT_IN_LABELS: Record<string, { id: string; en: string }> = {
  'instansi.nama': { id: 'nama instansi', en: 'agency name' },
  'instansi.alamat': { id: 'alamat instansi', en: 'agency address' },
  'penandatangan.nama': { id: 'nama penandatangan', en: "signer's name" },
  'penandatangan.jabatan': { id: 'jabatan penandatangan', en: "signer's position" },
  'penandatangan.nip': { id: 'NIP penandatangan', en: "signer's NIP" },
};

/**
 * Refuses (400 LETTER_FIELD_EMPTY) a letter whose template prints a value the case does not have:
 * every top-level `{tag}` must have text. Sections may be empty (that is what they are for).
 * Checked before a number is allocated.
 */
export function assertLetterDataComplete(
  structure: readonly TemplateTag[],
  data: Record<string, LetterValue>,
  fields: readonly DataField[],
): void {
  const empty = new Set<string>();
  for (const tag of structure) {
    if (tag.kind !== 'value' || tag.name === 'nomor_surat') continue;
    const value = data[tag.name];
    if (!value || value.text.trim() === '') empty.add(tag.name);
  }
  if (empty.size === 0) return;
  const label = (key: string, lang: 'id' | 'en') => {
    const field = fields.find((f) => f.key === key);
    if (field) return `"${field.label || key}" {${key}}`;
    return `${BUILT_IN_LABELS[key]?.[lang] ?? key} {${key}}`;
  };
  const keys = [...empty];
  throw new AppError(
    'BAD_REQUEST',
    'LETTER_FIELD_EMPTY',
    {
      id: `Surat belum dapat dibuat: data berikut masih kosong — ${keys.map((k) => label(k, 'id')).join(', ')}. Lengkapi dulu data kasusnya.`,
      en: `The letter cannot be made yet: these are still empty — ${keys.map((k) => label(k, 'en')).join(', ')}. Complete the case data first.`,
    },
    { fields: keys },
  );
}
