/**
 * NIK (Nomor Induk Kependudukan, UU 24/2013): 16 digits — province (2), regency/city (2),
 * district (2), date of birth DDMMYY with 40 added to the day for women, serial (4).
 * Example: 3328094501900003 = Jawa Tengah, Kab. Tegal, a woman born 5 January 1990.
 */

/** Province codes of the Kemendagri area code list (Permendagri 100.1.1-6117/2022), code → name. */
export const NIK_PROVINCES: Readonly<Record<string, string>> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
};

export interface NikInfo {
  nik: string;
  provinceCode: string;
  provinceName: string;
  regencyCode: string;
  districtCode: string;
  /** Day and month of birth (women's day already reduced by 40). */
  birthDay: number;
  birthMonth: number;
  /** The two printed year digits; the century needs a reference year (see `birthYear`). */
  birthYearTwoDigits: number;
  /** Full year of birth when a reference year was given, else null. */
  birthYear: number | null;
  sex: 'L' | 'P';
  serial: string;
}

export type NikProblem = 'format' | 'province' | 'regency' | 'district' | 'birthDate' | 'serial';

export type NikResult =
  | { ok: true; info: NikInfo }
  | { ok: false; problem: NikProblem; message: { id: string; en: string } };

/**
 * Reads a NIK: spaces and dots are ignored. `currentYear` resolves the century (a two-digit year
 * above the current one's is read as 19YY); pure code takes the year as a parameter, never from
 * the clock.
 */
export function parseNik(input: string, options: { currentYear?: number } = {}): NikResult {
  const nik = input.replace(/[\s.]/g, '');
  if (!/^\d{16}$/.test(nik)) {
    return fail('format', {
      id: `NIK harus 16 angka (terisi ${nik.replace(/\D/g, '').length} angka).`,
      en: `A NIK has 16 digits (${nik.replace(/\D/g, '').length} given).`,
    });
  }
  const provinceCode = nik.slice(0, 2);
  const provinceName = NIK_PROVINCES[provinceCode];
  if (!provinceName) {
    return fail('province', {
      id: `Kode provinsi ${provinceCode} pada NIK tidak dikenal.`,
      en: `Province code ${provinceCode} in the NIK is unknown.`,
    });
  }
  const regencyCode = nik.slice(2, 4);
  if (regencyCode === '00')
    return fail('regency', {
      id: 'Kode kabupaten/kota pada NIK tidak boleh 00.',
      en: 'The regency/city code in the NIK cannot be 00.',
    });
  const districtCode = nik.slice(4, 6);
  if (districtCode === '00')
    return fail('district', {
      id: 'Kode kecamatan pada NIK tidak boleh 00.',
      en: 'The district code in the NIK cannot be 00.',
    });
  const rawDay = Number(nik.slice(6, 8));
  const sex = rawDay > 40 ? 'P' : 'L';
  const birthDay = rawDay > 40 ? rawDay - 40 : rawDay;
  const birthMonth = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const birthYear = options.currentYear === undefined ? null : resolveBirthYear(yy, options.currentYear);
  const badDate = {
    id: `Tanggal lahir pada NIK (${nik.slice(6, 12)}) tidak valid.`,
    en: `The date of birth in the NIK (${nik.slice(6, 12)}) is not a valid date.`,
  };
  if (rawDay === 0 || rawDay === 40 || rawDay > 71 || birthMonth < 1 || birthMonth > 12) {
    return fail('birthDate', badDate);
  }
  // Without a reference year 29 February passes when either century makes it a leap year.
  const years = birthYear === null ? [1900 + yy, 2000 + yy] : [birthYear];
  if (!years.some((y) => birthDay <= daysInMonth(y, birthMonth))) return fail('birthDate', badDate);
  const serial = nik.slice(12);
  if (serial === '0000')
    return fail('serial', { id: 'Nomor urut NIK tidak boleh 0000.', en: 'The NIK serial cannot be 0000.' });
  return {
    ok: true,
    info: {
      nik,
      provinceCode,
      provinceName,
      regencyCode,
      districtCode,
      birthDay,
      birthMonth,
      birthYearTwoDigits: yy,
      birthYear,
      sex,
      serial,
    },
  };
}

/** The full year of a two-digit birth year: this century unless that lies after `currentYear`. */
export function resolveBirthYear(twoDigits: number, currentYear: number): number {
  const century = Math.floor(currentYear / 100) * 100;
  const year = century + twoDigits;
  return year > currentYear ? year - 100 : year;
}

/** Builds a NIK from its parts (for tests and fixtures); women get day + 40. */
export function composeNik(parts: {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
  sex: 'L' | 'P';
  serial: string;
}): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = parts.sex === 'P' ? parts.birthDay + 40 : parts.birthDay;
  return `${parts.provinceCode}${parts.regencyCode}${parts.districtCode}${two(day)}${two(parts.birthMonth)}${two(parts.birthYearTwoDigits)}${parts.serial}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fail(problem: NikProblem, message: { id: string; en: string }): NikResult {
  return { ok: false, problem, message };
}
