import { describe, expect, it } from 'vitest';
import { splitKelengkapan } from './build-document.ts';
import { detectDecisionProse, findReturnLane } from './decisions.ts';
import { bindLaneName, findActorLane, type LaneRef } from './lanes.ts';

const lane = (name: string): LaneRef => ({ name, binding: bindLaneName(name).binding });

describe('bindLaneName', () => {
  it.each([
    ['Ka.DINAS', 'kadis'],
    ['Kepala Dinas', 'kadis'],
    ['SEKRETARIS', 'sekdin'],
    ['SEKIDIN', 'sekdin'],
    ['Kabid Bina Prgram', 'kabid'],
    ['Kabis Bina Program', 'kabid'],
    ['Kasi Perenc.', 'kasi'],
    ['Ka Sub Bag Perenc.', 'kasi'],
    ['Kasia Perenc.', 'kasi'],
    ['STAF', 'staf'],
    ['Staf/Peksos', 'staf'],
    ['Peksos', 'peksos'],
  ])('binds %s to %s', (name, key) => {
    expect(bindLaneName(name).binding).toEqual({ kind: 'position', positionKey: key });
  });

  it.each([
    'Masyarakat',
    'BUPATI',
    'DESA/ KELURAHAN',
    'RSU',
    'DINKES',
    'BALAI REHAB',
    'Bank Penyalur',
    'DINAS SOSIAL',
    'TIM.KAB',
  ])('makes %s an outside party recorded by staf', (name) => {
    expect(bindLaneName(name).binding).toEqual({ kind: 'external', recordedBy: 'staf' });
  });
});

describe('findActorLane', () => {
  const lanes = ['Ka.DINAS', 'KABID', 'KASI', 'STAF', 'MASYARAKAT'].map(lane);
  it('finds the subject at the start, not the receiver', () => {
    expect(findActorLane('Kabid Bina Program menerima, memberi arahan kepada Kepala Seksi', lanes)).toEqual({
      lane: 1,
      strong: true,
    });
    expect(findActorLane('Jika menyetujui Kabid Asistensi memeriksa', lanes)).toEqual({
      lane: 1,
      strong: true,
    });
    expect(findActorLane('Kepala Seksi Perencanaan menyerahkan kepada staf', lanes)?.lane).toBe(2);
  });
  it('ignores parties after kepada/dari/ke', () => {
    expect(
      findActorLane('Laporan dari Masyarakat kepada Kepala Dinas diteruskan ke Kabid', lanes),
    ).toBeNull();
  });
  it('matches an outside party by its lane name', () => {
    const ext = [lane('DINAS SOSIAL'), lane('BANK PENYALUR')];
    expect(findActorLane('Petugas Bank Penyalur mencocokkan data', ext)).toEqual({ lane: 1, strong: true });
  });
});

describe('decisions in prose', () => {
  const lanes = ['Ka.DINAS', 'KABID', 'KASI', 'STAF'].map(lane);
  it('detects the negative branch', () => {
    expect(detectDecisionProse('jika setuju diajukan, jika tidak setuju dikembalikan kepada Kasi')).toBe(
      true,
    );
    expect(detectDecisionProse('jika sudah betul dibuatkan draf, jika masih salah dikembalikan')).toBe(true);
    expect(detectDecisionProse('Jika belum terdaftar, maka mendaftar melalui Desa')).toBe(false);
    expect(detectDecisionProse('data sesuai dan data tidak sesuai')).toBe(false);
  });
  it('finds who receives a returned draft, peksos falling back to the Staf lane', () => {
    expect(findReturnLane('jika tidak setuju dikembalikan kepada Kepala Seksi Perencanaan.', lanes)).toBe(2);
    expect(findReturnLane('jika tidak setuju mengembalikan kepada Kabid untuk diperbaiki', lanes)).toBe(1);
    expect(findReturnLane('jika masih salah maka dikembalikan kepada peksos untuk diperbaiki', lanes)).toBe(
      3,
    );
    expect(findReturnLane('jika tidak disetujui untuk diperbaiki', lanes)).toBeNull();
  });
});

describe('splitKelengkapan', () => {
  it('splits clear lists and keeps unsure cells whole', () => {
    expect(splitKelengkapan('Surat Pengantar ,Berita Acara')).toEqual(['Surat Pengantar', 'Berita Acara']);
    expect(splitKelengkapan('Formulir; KTP; KK')).toEqual(['Formulir', 'KTP', 'KK']);
    expect(splitKelengkapan('pedoman asesmen dan Surat Perintah Tugas')).toEqual([
      'pedoman asesmen dan Surat Perintah Tugas',
    ]);
    expect(splitKelengkapan('-Buku Agenda dan Tanda Terima')).toEqual(['Buku Agenda dan Tanda Terima']);
    expect(splitKelengkapan('Rekomendasi (Surat Permohonan, SKTM, KTP)')).toEqual([
      'Rekomendasi (Surat Permohonan, SKTM, KTP)',
    ]);
    expect(splitKelengkapan('')).toEqual([]);
  });
});
