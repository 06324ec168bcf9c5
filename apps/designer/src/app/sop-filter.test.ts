import { describe, expect, it } from 'vitest';
import { countSameName, filterSopsByName } from './sop-filter.ts';

const sops = [{ name: 'Penyusunan LAKIP' }, { name: 'Pengangkatan Anak' }, { name: 'Penyaluran BPNT' }];

describe('filterSopsByName', () => {
  it('finds SOPs holding every word, whatever the case', () => {
    expect(filterSopsByName(sops, 'lakip')).toEqual([sops[0]]);
    expect(filterSopsByName(sops, 'anak PENG')).toEqual([sops[1]]);
    expect(filterSopsByName(sops, 'peny')).toEqual([sops[0], sops[2]]);
  });

  it('lists everything for an empty query and nothing for a miss', () => {
    expect(filterSopsByName(sops, '  ')).toBe(sops);
    expect(filterSopsByName(sops, 'kis')).toEqual([]);
  });
});

describe('countSameName', () => {
  it('finds a name already in use, whatever its case, accents or spacing', () => {
    expect(countSameName(sops, 'penyusunan  lakip ')).toBe(1);
    expect(countSameName([...sops, { name: 'PENYUSUNAN LAKIP' }], 'Penyusunan LAKIP')).toBe(2);
  });

  it('does not count a name that only contains the other', () => {
    expect(countSameName(sops, 'Penyusunan')).toBe(0);
    expect(countSameName(sops, 'Penyusunan LAKIP 2026')).toBe(0);
    expect(countSameName(sops, '   ')).toBe(0);
  });
});
