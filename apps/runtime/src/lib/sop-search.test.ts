import { describe, expect, it } from 'vitest';
import { filterSopsInEffect } from './sop-search.ts';

const sops = [
  { name: 'Pelayanan Pengangkatan Anak', versionInEffect: 1 },
  { name: 'Penyusunan LAKIP', versionInEffect: 2 },
  { name: 'Rehabilitasi Sosial Anak', versionInEffect: null },
];

describe('filterSopsInEffect', () => {
  it('keeps only SOPs with a version in effect', () => {
    expect(filterSopsInEffect(sops, '').map((s) => s.name)).toEqual([
      'Pelayanan Pengangkatan Anak',
      'Penyusunan LAKIP',
    ]);
  });

  it('matches every word, in any order, ignoring case and accents', () => {
    expect(filterSopsInEffect(sops, 'anak PELAYANAN').map((s) => s.name)).toEqual([
      'Pelayanan Pengangkatan Anak',
    ]);
    expect(filterSopsInEffect(sops, 'lakíp').map((s) => s.name)).toEqual(['Penyusunan LAKIP']);
    expect(filterSopsInEffect(sops, 'rehabilitasi')).toEqual([]);
  });
});
