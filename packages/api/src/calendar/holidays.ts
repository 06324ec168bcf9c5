import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

// date-holidays loads the rules of every country (about 0.3–0.4 s of CPU): it is required on the
// first holiday lookup instead of at start-up, which never needs it (BENCHMARKS.md, "Startup").
const require = createRequire(import.meta.url);

/** Where a holiday came from: the date-holidays library, the agency alone, or the agency correcting the library. */
export type HolidaySource = 'library' | 'agency' | 'override';

export interface Holiday {
  name: string;
  source: HolidaySource;
}

/** Holidays keyed by calendar date 'YYYY-MM-DD' in the agency's zone. A `Map` satisfies it. */
export interface HolidayLookup {
  get(date: string): Holiday | undefined;
}

/**
 * One correction an agency administrator makes to the library list: `set` adds a day (cuti bersama,
 * a local holiday) or renames a library day; `remove` drops a library day the agency works on.
 */
export type AgencyHolidayEntry = { date: string; name: string } | { date: string; remove: true };

export interface HolidayIssue {
  code: 'HOLIDAY_DATE_INVALID' | 'HOLIDAY_NAME_EMPTY';
  field: string;
  message: { id: string; en: string };
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

// The library labels 27 Rajab (Isra Mi'raj) as "Maulid Nabi Muhammad"; the rule text is reliable.
const ISRA_MIRAJ_RULE = '27 Rajab';
const ISRA_MIRAJ_NAME = "Isra Mi'raj Nabi Muhammad SAW";

let indonesia: Holidays | undefined;
// The library's rules are fixed, so a year's list is computed once per process (it costs ~5 ms).
const nationalByYear = new Map<number, ReadonlyArray<readonly [string, Holiday]>>();

/**
 * National public holidays of Indonesia for `year` from date-holidays, keyed by calendar date.
 * The date is read from the library's local `date` text ("2026-03-20 00:00:00 -0600"), never from
 * its `start` instant: Islamic days start at the previous sunset there, which in WIB is the
 * previous calendar day. National holidays fall on the same calendar date in WIB, WITA and WIT.
 * Two holidays on one date are joined into one name.
 */
export function listNationalHolidays(year: number): Map<string, Holiday> {
  let list = nationalByYear.get(year);
  if (!list) {
    list = [...readLibraryYear(year)];
    nationalByYear.set(year, list);
  }
  return new Map(list.map(([date, h]) => [date, { ...h }]));
}

function readLibraryYear(year: number): Map<string, Holiday> {
  indonesia ??= new (require('date-holidays') as typeof Holidays)('ID');
  const out = new Map<string, Holiday>();
  for (const h of indonesia.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    const name = h.rule === ISRA_MIRAJ_RULE ? ISRA_MIRAJ_NAME : h.name;
    const existing = out.get(date);
    if (existing && existing.name !== name) existing.name = `${existing.name} / ${name}`;
    else if (!existing) out.set(date, { name, source: 'library' });
  }
  return out;
}

/**
 * Applies agency corrections to a library list. A `set` on a library date keeps the day with the
 * agency's name and source 'override'; on any other date it adds a day with source 'agency'.
 * A `remove` drops the day. Later entries win. Invalid entries are skipped and reported.
 */
export function mergeHolidays(
  library: ReadonlyMap<string, Holiday>,
  agencyEntries: readonly AgencyHolidayEntry[],
): { holidays: Map<string, Holiday>; issues: HolidayIssue[] } {
  const holidays = new Map(library);
  const issues = validateHolidayEntries(agencyEntries);
  const bad = new Set(issues.map((i) => i.field));
  agencyEntries.forEach((entry, index) => {
    if (bad.has(`holidays.${index}.date`) || bad.has(`holidays.${index}.name`)) return;
    if ('remove' in entry) {
      holidays.delete(entry.date);
      return;
    }
    const source: HolidaySource = library.has(entry.date) ? 'override' : 'agency';
    holidays.set(entry.date, { name: entry.name.trim(), source });
  });
  return { holidays, issues };
}

/** Checks agency entries: each needs a real 'YYYY-MM-DD' date and, unless removing, a name. */
export function validateHolidayEntries(entries: readonly AgencyHolidayEntry[]): HolidayIssue[] {
  const issues: HolidayIssue[] = [];
  entries.forEach((entry, index) => {
    if (!isIsoDate(entry.date)) {
      const field = `holidays.${index}.date`;
      issues.push({
        code: 'HOLIDAY_DATE_INVALID',
        field,
        message: {
          id: `Tanggal libur "${entry.date}" pada ${field} tidak valid: tulis TTTT-BB-HH, mis. 2026-03-23.`,
          en: `Holiday date "${entry.date}" in ${field} is not valid: write YYYY-MM-DD, e.g. 2026-03-23.`,
        },
      });
    }
    if (!('remove' in entry) && entry.name.trim() === '') {
      const field = `holidays.${index}.name`;
      issues.push({
        code: 'HOLIDAY_NAME_EMPTY',
        field,
        message: {
          id: `Nama hari libur pada ${field} kosong: isi mis. "Cuti Bersama Idul Fitri".`,
          en: `Holiday name in ${field} is empty: fill it in, e.g. "Cuti Bersama Idul Fitri".`,
        },
      });
    }
  });
  return issues;
}

/**
 * A lookup over every year: the library list of a date's year with the agency's entries for that
 * year merged in. Years are computed on first use and kept; the result is deterministic, so the
 * cache does not make callers impure. Entries must be valid (see `validateHolidayEntries`).
 */
export function createHolidayLookup(agencyEntries: readonly AgencyHolidayEntry[]): HolidayLookup {
  const byYear = new Map<number, Map<string, Holiday>>();
  const entriesOf = (year: number) => agencyEntries.filter((e) => e.date.startsWith(`${year}-`));
  const yearMap = (year: number) => {
    let map = byYear.get(year);
    if (!map) {
      map = mergeHolidays(listNationalHolidays(year), entriesOf(year)).holidays;
      byYear.set(year, map);
    }
    return map;
  };
  return { get: (date) => yearMap(Number(date.slice(0, 4))).get(date) };
}
