import type { DataField } from './data-fields.ts';
import { parseNik } from './nik.ts';

/** Stable codes of form issues; clients key on these, people read the messages. */
export const FORM_ISSUE_CODES = [
  'REQUIRED',
  'NOT_ON_FORM',
  'READ_ONLY',
  'WRONG_TYPE',
  'TOO_LONG',
  'NUMBER_INVALID',
  'MONEY_INVALID',
  'DATE_INVALID',
  'CHOICE_INVALID',
  'NIK_INVALID',
  'PHONE_INVALID',
  'EMAIL_INVALID',
  'FILE_INVALID',
] as const;
export type FormIssueCode = (typeof FORM_ISSUE_CODES)[number];

/** One problem with submitted form data; `path` is the field key. */
export interface FormIssue {
  path: string;
  code: FormIssueCode;
  message: string;
  messageEn: string;
}

export type CleanResult = { ok: true; value: unknown } | { ok: false; issue: Omit<FormIssue, 'path'> };

const MAX_TEXT = 1_000;
const MAX_LONGTEXT = 20_000;
const MAX_MONEY = 1e15;

/** True for a value that fills nothing: absent, null, blank text or no files. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Checks one non-empty submitted value against its field and returns it in stored form: trimmed
 * text, numbers as numbers, money as whole Rupiah, NIK as 16 digits, phone as 08…/0… digits,
 * files as a list of file ids.
 */
export function cleanFieldValue(
  field: Pick<DataField, 'label' | 'type' | 'options' | 'multiple'>,
  value: unknown,
  options: { currentYear?: number } = {},
): CleanResult {
  const name = field.label.trim() || field.type;
  const bad = (code: FormIssueCode, id: string, en: string): CleanResult => ({
    ok: false,
    issue: { code, message: id, messageEn: en },
  });
  const wrongType = (id: string, en: string) =>
    bad('WRONG_TYPE', `"${name}" harus berupa ${id}.`, `"${name}" must be ${en}.`);
  switch (field.type) {
    case 'text':
    case 'longtext': {
      if (typeof value !== 'string') return wrongType('teks', 'text');
      const text = value.trim();
      const max = field.type === 'text' ? MAX_TEXT : MAX_LONGTEXT;
      if (text.length > max)
        return bad(
          'TOO_LONG',
          `"${name}" paling banyak ${max} karakter.`,
          `"${name}" takes at most ${max} characters.`,
        );
      return { ok: true, value: text };
    }
    case 'number': {
      const n = readNumber(value);
      if (n === null)
        return bad(
          'NUMBER_INVALID',
          `"${name}" harus berupa angka; gunakan koma untuk desimal (contoh 1,5).`,
          `"${name}" must be a number; use a comma for decimals (e.g. 1,5).`,
        );
      return { ok: true, value: n };
    }
    case 'money': {
      const n = readMoney(value);
      if (n === null)
        return bad(
          'MONEY_INVALID',
          `"${name}" harus berupa jumlah Rupiah tanpa sen (contoh 1.500.000).`,
          `"${name}" must be an amount of whole Rupiah (e.g. 1.500.000).`,
        );
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value.trim()))
        return bad(
          'DATE_INVALID',
          `"${name}" harus berupa tanggal yang valid (TTTT-BB-HH).`,
          `"${name}" must be a valid date (YYYY-MM-DD).`,
        );
      return { ok: true, value: value.trim() };
    }
    case 'choice': {
      const choices = field.options ?? [];
      if (typeof value !== 'string' || !choices.includes(value.trim()))
        return bad(
          'CHOICE_INVALID',
          `"${name}" harus salah satu dari: ${choices.join(', ')}.`,
          `"${name}" must be one of: ${choices.join(', ')}.`,
        );
      return { ok: true, value: value.trim() };
    }
    case 'yesno': {
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'ya' || value === 'tidak') return { ok: true, value: value === 'ya' };
      return wrongType('ya atau tidak', 'yes or no');
    }
    case 'nik': {
      if (typeof value !== 'string') return wrongType('teks 16 angka', 'text of 16 digits');
      const parsed = parseNik(value, options);
      if (!parsed.ok)
        return bad(
          'NIK_INVALID',
          `NIK tidak valid: ${parsed.message.id}`,
          `Invalid NIK: ${parsed.message.en}`,
        );
      return { ok: true, value: parsed.info.nik };
    }
    case 'phone': {
      const phone = typeof value === 'string' ? normalizePhone(value) : null;
      if (phone === null)
        return bad(
          'PHONE_INVALID',
          `"${name}" bukan nomor telepon yang valid (contoh 081234567890 atau +6281234567890).`,
          `"${name}" is not a valid phone number (e.g. 081234567890 or +6281234567890).`,
        );
      return { ok: true, value: phone };
    }
    case 'email': {
      const email = typeof value === 'string' ? value.trim() : '';
      if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        return bad(
          'EMAIL_INVALID',
          `"${name}" bukan alamat email yang valid.`,
          `"${name}" is not a valid e-mail address.`,
        );
      return { ok: true, value: email };
    }
    case 'file': {
      const ids = typeof value === 'string' ? [value] : value;
      if (
        !Array.isArray(ids) ||
        !ids.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id))
      )
        return bad('FILE_INVALID', `"${name}" harus berisi id berkas.`, `"${name}" must hold file ids.`);
      if (!field.multiple && ids.length > 1)
        return bad('FILE_INVALID', `"${name}" hanya menerima satu berkas.`, `"${name}" takes a single file.`);
      return { ok: true, value: [...new Set(ids as string[])] };
    }
  }
}

/**
 * Reads a number: a JSON number, or Indonesian-style text with optional thousands dots and a
 * decimal comma ("1.250,5", "12,5", "40"). "1.5" is refused: in Indonesian it reads as 15.
 */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/\s/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(text)) return null;
  const n = Number(text.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** Reads whole Rupiah: a non-negative integer, or text such as "Rp 1.500.000" or "1500000,00". */
export function readMoney(value: unknown): number | null {
  let n: number | null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value
      .trim()
      .replace(/^rp\.?\s*/i, '')
      .replace(/,-$/, '')
      .replace(/,0{1,2}$/, '');
    n = /^(\d{1,3}(\.\d{3})+|\d+)$/.test(text) ? Number(text.replace(/\./g, '')) : null;
  } else n = null;
  return n !== null && Number.isSafeInteger(n) && n >= 0 && n <= MAX_MONEY ? n : null;
}

/**
 * An Indonesian phone number in national form ("0812…", "021…"): spaces, dashes, dots and
 * brackets are dropped and +62/62 becomes 0. Null when it cannot be a phone number.
 */
export function normalizePhone(value: string): string | null {
  const digits = value.trim().replace(/[\s\-().]/g, '');
  const national = digits.replace(/^\+?62/, '0');
  return /^0[1-9]\d{7,12}$/.test(national) ? national : null;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
