import { classifyMark, normalizeName } from './cells.ts';
import { detectDecisionProse, findReturnLane } from './decisions.ts';
import type { TableColumns } from './header.ts';
import type { ImportGuess } from './import-result.ts';
import { bindLaneName, findActorLane, type LaneRef } from './lanes.ts';
import type { RawRow } from './read-rows.ts';

/** A table row with its lane and, for decisions, the row its "tidak" exit returns to. */
export interface AnalysedStep {
  row: RawRow;
  kegiatan: string;
  kelengkapan: string;
  keterangan: string;
  lane: number;
  decision: boolean;
  /** Index (0-based) of the step the tidak exit goes to; only for decisions. */
  tidakTarget: number | null;
}

export interface AnalysedTable {
  lanes: LaneRef[];
  steps: AnalysedStep[];
}

const quote = (s: string) => `"${s.length > 50 ? `${s.slice(0, 50)}…` : s}"`;

/** Works out the lanes, the acting lane of every row and the decisions of a table. */
export function analyseRows(rows: RawRow[], cols: TableColumns, guesses: ImportGuess[]): AnalysedTable {
  const single = cols.lanes.length === 1 ? cols.lanes[0]! : null;
  const proseInLane = rows.filter((r) => classifyMark(r.laneCells[0] ?? '') === 'prose').length;
  // One PELAKSANAAN column holding sentences: it describes the work, it is not a swimlane.
  const textMode =
    single !== null &&
    ['', 'pelaksana', 'pelaksanaan'].includes(normalizeName(single.name)) &&
    proseInLane * 2 >= rows.length;
  const lanes = textMode ? [readTextModeLane(guesses)] : readLanes(cols, guesses);
  const steps: AnalysedStep[] = [];
  rows.forEach((row, r) => {
    const no = r + 1;
    checkNumber(row, no, guesses);
    let kegiatan = row.kegiatan;
    let kelengkapan = row.kelengkapan;
    let keterangan = row.keterangan;
    const marks = row.laneCells.map(classifyMark);
    if (textMode) {
      const text = row.laneCells[0] ?? '';
      if (text) kegiatan = kegiatan ? `${kegiatan}: ${text}` : text;
    } else {
      marks.forEach((m, k) => {
        if (m !== 'prose') return;
        const text = row.laneCells[k]!;
        if (!kelengkapan) kelengkapan = text;
        else keterangan = keterangan ? `${keterangan} ${text}` : text;
        guesses.push({
          kind: 'cells-realigned',
          row: no,
          line: row.line,
          message: {
            id: `Baris ${no}: teks ${quote(text)} di kolom pelaksana dipindah ke ${kelengkapan === text ? 'kelengkapan' : 'keterangan'}.`,
            en: `Row ${no}: the text ${quote(text)} in a lane column is moved to ${kelengkapan === text ? 'kelengkapan' : 'keterangan'}.`,
          },
        });
      });
    }
    const lane = textMode ? 0 : chooseLane(kegiatan, marks, lanes, steps, no, row.line, guesses);
    const prose = detectDecisionProse(kegiatan);
    const decision = prose || marks.includes('tidak');
    if (decision) {
      guesses.push({
        kind: prose ? 'decision-from-prose' : 'decision-from-cell',
        row: no,
        line: row.line,
        message: prose
          ? {
              id: `Baris ${no} dibaca sebagai keputusan dari kalimat "jika … tidak …".`,
              en: `Row ${no} is read as a decision from its "jika … tidak …" wording.`,
            }
          : {
              id: `Baris ${no} dibaca sebagai keputusan karena ada tanda "tidak".`,
              en: `Row ${no} is read as a decision because of its "tidak" mark.`,
            },
      });
    }
    steps.push({ row, kegiatan, kelengkapan, keterangan, lane, decision, tidakTarget: null });
  });
  steps.forEach((step, r) => {
    if (step.decision) step.tidakTarget = chooseTidakTarget(step, r, steps, lanes, guesses);
  });
  return { lanes, steps };
}

function readTextModeLane(guesses: ImportGuess[]): LaneRef {
  guesses.push({
    kind: 'lane-binding',
    message: {
      id: 'Kolom PELAKSANAAN berisi kalimat, bukan simbol: isinya digabung ke Kegiatan dan semua baris ditaruh di satu lajur "Pelaksana" (Staf).',
      en: 'The PELAKSANAAN column holds sentences, not symbols: it is joined to Kegiatan and every row is put in one lane "Pelaksana" (Staf).',
    },
  });
  return { name: 'Pelaksana', binding: { kind: 'position', positionKey: 'staf' } };
}

function readLanes(cols: TableColumns, guesses: ImportGuess[]): LaneRef[] {
  return cols.lanes.map((col, k) => {
    const name = col.name || `Pelaksana ${k + 1}`;
    const { binding, fuzzy } = bindLaneName(name);
    if (binding.kind === 'external') {
      guesses.push({
        kind: 'lane-external',
        message: {
          id: `Lajur "${name}" dianggap pihak luar; pekerjaannya dicatat oleh ${binding.recordedBy}.`,
          en: `Lane "${name}" is taken as an outside party; its work is recorded by ${binding.recordedBy}.`,
        },
      });
    } else if (fuzzy || !col.name) {
      guesses.push({
        kind: 'lane-binding',
        message: {
          id: `Lajur "${name}" dikaitkan dengan jabatan ${binding.positionKey} (nama ditebak).`,
          en: `Lane "${name}" is bound to position ${binding.positionKey} (name guessed).`,
        },
      });
    }
    return { name, binding };
  });
}

function checkNumber(row: RawRow, no: number, guesses: ImportGuess[]) {
  const printed = Number.parseInt(row.printedNo, 10);
  if (printed === no) return;
  guesses.push({
    kind: 'row-renumbered',
    row: no,
    line: row.line,
    message: {
      id: `Nomor baris "${row.printedNo}" dibaca sebagai ${no} (urutan di tabel).`,
      en: `Row number "${row.printedNo}" is read as ${no} (its place in the table).`,
    },
  });
}

function chooseLane(
  kegiatan: string,
  marks: ReturnType<typeof classifyMark>[],
  lanes: LaneRef[],
  steps: AnalysedStep[],
  no: number,
  line: number,
  guesses: ImportGuess[],
): number {
  const note = (kind: ImportGuess['kind'], lane: number, id: string, en: string) => {
    guesses.push({
      kind,
      row: no,
      line,
      message: {
        id: `Baris ${no}: pelaksana "${lanes[lane]?.name}" ${id}.`,
        en: `Row ${no}: lane "${lanes[lane]?.name}" ${en}.`,
      },
    });
    return lane;
  };
  const actors = marks.flatMap((m, k) => (m === 'actor' ? [k] : []));
  if (actors.length === 1) return actors[0]!;
  if (actors.length > 1)
    return note('lane-from-mark', actors[0]!, 'dipilih dari beberapa tanda', 'chosen among several marks');
  const named = findActorLane(kegiatan, lanes);
  if (named?.strong)
    return note(
      'lane-inferred',
      named.lane,
      'disimpulkan dari teks Kegiatan',
      'inferred from the Kegiatan text',
    );
  const term = marks.findIndex((m) => m === 'mulai' || m === 'selesai');
  if (term >= 0)
    return note('lane-from-mark', term, 'dari tanda Mulai/Selesai', 'from the Mulai/Selesai mark');
  // A party named further into the text is often the object ("Surat Keputusan Kepala Dinas"),
  // so the row before is the better guess when there is one.
  const prev = steps[steps.length - 1];
  if (prev)
    return note(
      'lane-from-previous',
      prev.lane,
      'sama dengan baris sebelumnya (tak ada petunjuk)',
      'taken from the row before (no clue)',
    );
  if (named)
    return note(
      'lane-inferred',
      named.lane,
      'disimpulkan dari nama pihak di teks Kegiatan',
      'inferred from a party named in the Kegiatan text',
    );
  return note(
    'lane-from-previous',
    0,
    'adalah lajur pertama (tak ada petunjuk)',
    'is the first lane (no clue)',
  );
}

function chooseTidakTarget(
  step: AnalysedStep,
  r: number,
  steps: AnalysedStep[],
  lanes: LaneRef[],
  guesses: ImportGuess[],
): number {
  const no = r + 1;
  const fromText = findReturnLane(step.kegiatan, lanes);
  const cell = step.row.laneCells.map(classifyMark).indexOf('tidak');
  const fromCell = cell >= 0 ? cell : null;
  const lane = fromText ?? fromCell;
  const say = (target: number, id: string, en: string) => {
    guesses.push({
      kind: 'tidak-target',
      row: no,
      line: step.row.line,
      message: {
        id: `Baris ${no}: jalur "tidak" ke baris ${target + 1} ${id}.`,
        en: `Row ${no}: the "tidak" exit goes to row ${target + 1} ${en}.`,
      },
    });
    return target;
  };
  if (fromText !== null && fromCell !== null && fromText !== fromCell) {
    guesses.push({
      kind: 'tidak-target',
      row: no,
      line: step.row.line,
      message: {
        id: `Baris ${no}: teks menyebut "${lanes[fromText]?.name}", tanda "tidak" ada di kolom "${lanes[fromCell]?.name}"; teks diikuti.`,
        en: `Row ${no}: the text names "${lanes[fromText]?.name}", the "tidak" mark sits under "${lanes[fromCell]?.name}"; the text is followed.`,
      },
    });
  }
  if (lane !== null) {
    for (let k = r - 1; k >= 0; k--) {
      if (steps[k]!.lane === lane) {
        return say(
          k,
          `(baris terakhir ${lanes[lane]?.name} sebelumnya)`,
          `(the latest earlier row of ${lanes[lane]?.name})`,
        );
      }
    }
  }
  if (r === 0)
    return say(
      0,
      '(keputusan di baris pertama: kembali ke dirinya)',
      '(a decision on the first row: back to itself)',
    );
  return say(r - 1, '(baris sebelumnya; tujuan tidak disebut)', '(the row before; no target named)');
}
