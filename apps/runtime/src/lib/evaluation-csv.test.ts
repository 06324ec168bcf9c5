import { describe, expect, it } from 'vitest';
import { buildEvaluationCsv, findLongestWait } from './evaluation-csv.ts';

const header = {
  sop: 'SOP',
  row: 'No',
  kegiatan: 'Kegiatan',
  lane: 'Pelaksana',
  position: 'Jabatan',
  standard: 'Mutu Baku',
  standardMinutes: 'Mutu Baku (menit)',
  completed: 'Selesai',
  medianMinutes: 'Median (menit)',
  p90Minutes: 'P90 (menit)',
  onTimePercent: 'Tepat waktu (%)',
  open: 'Terbuka',
  overdue: 'Terlambat',
  avgWaitMinutes: 'Rata-rata menunggu (menit)',
};

const step = {
  rowNo: 1,
  kegiatan: 'Memeriksa berkas, lalu "paraf"',
  lane: 'Kasi',
  positionKey: 'kasi',
  standard: '10 menit',
  standardMinutes: 10,
  completed: 4,
  medianMinutes: 12.345,
  p90Minutes: 30,
  onTimeShare: 0.75,
  open: 1,
  overdue: 0,
  avgWaitMinutes: null,
};

describe('buildEvaluationCsv', () => {
  it('writes a header and one line per step, rounding minutes and turning shares into percent', () => {
    const csv = buildEvaluationCsv([{ name: 'LAKIP', steps: [step] }], header).split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toBe(
      'SOP,No,Kegiatan,Pelaksana,Jabatan,Mutu Baku,Mutu Baku (menit),Selesai,Median (menit),P90 (menit),Tepat waktu (%),Terbuka,Terlambat,Rata-rata menunggu (menit)',
    );
    expect(csv[1]).toBe('LAKIP,1,"Memeriksa berkas, lalu ""paraf""",Kasi,kasi,10 menit,10,4,12.3,30,75,1,0,');
  });

  it('writes only the header without data', () => {
    expect(buildEvaluationCsv([], header).split('\r\n')).toHaveLength(1);
  });
});

describe('findLongestWait', () => {
  it('picks the step with the longest average wait and ignores waits under a minute', () => {
    const steps = [
      { id: 'a', avgWaitMinutes: null },
      { id: 'b', avgWaitMinutes: 90 },
      { id: 'c', avgWaitMinutes: 30 },
    ];
    expect(findLongestWait(steps)?.id).toBe('b');
    expect(findLongestWait([{ id: 'a', avgWaitMinutes: 0.4 }])).toBeNull();
  });
});
