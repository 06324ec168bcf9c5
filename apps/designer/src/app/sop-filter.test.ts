import { describe, expect, it } from 'vitest';
import { filterSopsByName } from './sop-filter.ts';

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
