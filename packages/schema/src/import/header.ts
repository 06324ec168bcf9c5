import { cleanCell, normalizeName } from './cells.ts';
import type { ImportGuess } from './import-result.ts';

/** The role of each table column, read from the one- or two-row header. */
export interface TableColumns {
  no: number;
  kegiatan: number;
  /** Lane columns in order, with the printed name ("" when the header leaves it blank). */
  lanes: { index: number; name: string }[];
  kelengkapan: number | null;
  waktu: number | null;
  output: number | null;
  keterangan: number | null;
  /** Number of header rows (1 or 2). */
  headerRows: number;
  width: number;
}

const isNo = (c: string) => /^no\.?$/.test(normalizeName(c)) || normalizeName(c) === 'nomor';
const isKegiatan = (c: string) =>
  normalizeName(c).startsWith('kegiatan') || normalizeName(c) === 'uraian kegiatan';

/** True when the row is a table header: "NO" then "KEGIATAN". */
export function isHeaderRow(row: string[]): boolean {
  const cells = row.map(cleanCell);
  const no = cells.findIndex(isNo);
  return no >= 0 && no <= 1 && cells.slice(no + 1, no + 3).some(isKegiatan);
}

type Role = 'kelengkapan' | 'waktu' | 'output' | 'keterangan' | 'mutu' | 'pelaksana' | 'other';

function readRole(name: string): Role {
  const n = normalizeName(name);
  if (n.startsWith('kelengkapan') || n === 'persyaratan') return 'kelengkapan';
  if (n.startsWith('waktu')) return 'waktu';
  if (n.startsWith('output') || n === 'hasil') return 'output';
  if (n.startsWith('ket')) return 'keterangan';
  if (n.startsWith('mutu baku')) return 'mutu';
  if (n === 'pelaksanaan' || n === 'pelaksana') return 'pelaksana';
  return 'other';
}

/**
 * Reads the column roles of a header starting at `rows[at]`. Lanes are the columns between
 * KEGIATAN and the first Mutu Baku column. The columns after WAKTU are read as OUTPUT then KET in
 * that order whatever the header says, because the data rows of the seeds follow that order even
 * where the header swaps or omits the names.
 */
export function readHeader(rows: string[][], at: number, guesses: ImportGuess[]): TableColumns {
  const top = (rows[at] ?? []).map(cleanCell);
  const next = (rows[at + 1] ?? []).map(cleanCell);
  const nextIsHeader =
    next.length > 2 &&
    !/^\d/.test(next[0] ?? '') &&
    (next[1] ?? '') === '' &&
    next.some((c) => c !== '') &&
    !isHeaderRow(next);
  const sub = nextIsHeader ? next : [];
  const width = Math.max(top.length, sub.length);
  const no = top.findIndex(isNo);
  const kegiatan = top.findIndex((c, i) => i > no && isKegiatan(c));
  const names: string[] = [];
  const roles: Role[] = [];
  for (let i = 0; i < width; i++) {
    const s = sub[i] ?? '';
    const t = top[i] ?? '';
    const sRole = readRole(s);
    const tRole = readRole(t);
    // A sub-header name wins; a group label on top (PELAKSANAAN, MUTU BAKU) names no column.
    if (s !== '') {
      names.push(s);
      roles.push(sRole);
    } else {
      names.push(tRole === 'pelaksana' || tRole === 'mutu' ? '' : t);
      roles.push(tRole === 'other' && t === '' ? 'other' : tRole);
    }
  }
  const firstMutu = roles.findIndex(
    (r, i) => i > kegiatan && ['kelengkapan', 'waktu', 'output', 'keterangan', 'mutu'].includes(r),
  );
  const laneEnd = firstMutu < 0 ? width : firstMutu;
  const lanes: TableColumns['lanes'] = [];
  for (let i = kegiatan + 1; i < laneEnd; i++) lanes.push({ index: i, name: names[i] ?? '' });
  const find = (role: Role) => {
    const i = roles.findIndex((r, j) => j >= laneEnd && r === role);
    return i < 0 ? null : i;
  };
  const waktu = find('waktu');
  let kelengkapan = find('kelengkapan');
  let output = find('output');
  let keterangan = find('keterangan');
  if (waktu !== null) {
    if (kelengkapan === null && waktu - 1 >= laneEnd) kelengkapan = waktu - 1;
    const afterOutput = waktu + 1;
    const afterKet = waktu + 2;
    if ((output !== null && output !== afterOutput) || (keterangan !== null && keterangan !== afterKet)) {
      guesses.push({
        kind: 'column-role',
        line: at,
        message: {
          id: 'Judul kolom OUTPUT/KET tidak berurutan biasa; kolom sesudah WAKTU dibaca sebagai OUTPUT lalu KET.',
          en: 'The OUTPUT/KET headings are out of the usual order; the columns after WAKTU are read as OUTPUT then KET.',
        },
      });
    }
    output = afterOutput;
    keterangan = afterKet;
  }
  return {
    no,
    kegiatan,
    lanes,
    kelengkapan,
    waktu,
    output,
    keterangan,
    headerRows: nextIsHeader ? 2 : 1,
    width,
  };
}
