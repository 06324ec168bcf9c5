import { type DataFieldType, formatCalendarDate } from '@alur/schema/core';
import { formatRupiah } from './form-draft.ts';

/**
 * A stored field value as text for reading: money "Rp 1.500.000", yesno Ya/Tidak, a date written
 * out ("5 Januari 1990"). Masked values ("****", "3328********0003") pass through unchanged.
 */
export function displayFieldValue(
  type: DataFieldType,
  value: unknown,
  words: { yes: string; no: string; none: string },
  language: 'id' | 'en',
): string {
  if (value === undefined || value === null || value === '') return words.none;
  switch (type) {
    case 'money':
      return typeof value === 'number' ? `Rp ${formatRupiah(value)}` : String(value);
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 6 }).format(
            value,
          )
        : String(value);
    case 'yesno':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'date':
      return typeof value === 'string' ? formatCalendarDate(value, language) : String(value);
    case 'file':
      return Array.isArray(value) ? String(value.length) : String(value);
    default:
      return String(value);
  }
}
