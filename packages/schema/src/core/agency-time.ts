/**
 * Dates and times as a person in the agency reads them: in the agency's time zone (WIB, WITA,
 * WIT), never the browser's or UTC, and written the Indonesian way ("2 Desember 2026 03.33 WIB").
 * Pure: every function takes the instant and the zone as arguments.
 */

/** The zone used when no agency is known (the designer's browser-only mode). */
export const DEFAULT_AGENCY_ZONE = 'Asia/Jakarta';

export type DisplayLanguage = 'id' | 'en';

const MONTHS: Record<DisplayLanguage, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

// The names Indonesians use for their three zones; other zones are written as an offset.
const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Intl formatters are costly to build and a list formats hundreds of rows: one per zone.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at `at`. Throws a RangeError for an unknown zone. */
function readWallClock(zone: string, at: Date): WallClock {
  let format = clockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clockFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC offset of `zone` at `at`, as "+07:00". */
export function readZoneOffset(zone: string, at: Date): string {
  const c = readWallClock(zone, at);
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute);
  const minutes = Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The zone's everyday name at `at`: WIB, WITA or WIT, else "UTC+05:30". */
export function readZoneName(zone: string, at: Date): string {
  const name = ZONE_NAMES[zone];
  if (name) return name;
  const offset = readZoneOffset(zone, at);
  return offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}

/**
 * Today's date (YYYY-MM-DD) in the agency's zone at `now`: at 06:59 WIB it is already today in
 * Jakarta while the UTC date is still yesterday.
 */
export function computeAgencyToday(now: Date, zone: string): string {
  const c = readWallClock(zone, now);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** The calendar date `days` after the ISO date `isoDate` (YYYY-MM-DD). */
function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Today in the agency's zone as a half-open range of ISO instants with offset (the inbox's "due
 * today"). Indonesian zones have no daylight saving, so today's offset holds all day.
 */
export function computeTodayRange(now: Date, zone: string): { from: string; to: string } {
  const date = computeAgencyToday(now, zone);
  const offset = readZoneOffset(zone, now);
  return { from: `${date}T00:00:00${offset}`, to: `${addDays(date, 1)}T00:00:00${offset}` };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (YYYY-MM-DD, e.g. Tanggal Efektif or a holiday) written out: "2 Desember 2026"
 * or "2 December 2026". No zone: a calendar date is the same day everywhere. Other text is
 * returned as it is (the identity sheet's dates are free text).
 */
export function formatCalendarDate(isoDate: string, lang: DisplayLanguage = 'id'): string {
  const m = ISO_DATE.exec(isoDate);
  const month = m ? MONTHS[lang][Number(m[2]) - 1] : undefined;
  if (!m || !month) return isoDate;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

function toDate(at: Date | string): Date | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The date of instant `at` in the agency's zone, written out: "2 Desember 2026". */
export function formatAgencyDate(at: Date | string, zone: string, lang: DisplayLanguage = 'id'): string {
  const d = toDate(at);
  if (!d) return String(at);
  const c = readWallClock(zone, d);
  return `${c.day} ${MONTHS[lang][c.month - 1]} ${c.year}`;
}

/**
 * Instant `at` as a person in the agency reads it: "2 Desember 2026 03.33 WIB" (Indonesian writes
 * the time with a dot), "2 December 2026 03:33 WIB" in English.
 */
export function formatAgencyDateTime(at: Date | string, zone: string, lang: DisplayLanguage = 'id'): string {
  const d = toDate(at);
  if (!d) return String(at);
  const c = readWallClock(zone, d);
  const time = `${pad(c.hour)}${lang === 'id' ? '.' : ':'}${pad(c.minute)}`;
  return `${c.day} ${MONTHS[lang][c.month - 1]} ${c.year} ${time} ${readZoneName(zone, d)}`;
}
