import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATALOGUE,
  findPositionLabel,
  listPositionChoices,
  suggestPosition,
  toCatalogue,
} from './catalogue.ts';

describe('catalogue', () => {
  it('turns the server positions into binding choices sorted by name', () => {
    const catalogue = toCatalogue([
      { key: 'staf', name: 'Staf Pelaksana', supervisorKey: 'kasi' },
      { key: 'kadis', name: 'Kepala Dinas', supervisorKey: null },
      { key: 'kasi', name: 'Kepala Seksi', supervisorKey: 'kadis' },
    ]);
    expect(catalogue).toEqual([
      { key: 'kadis', label: 'Kepala Dinas' },
      { key: 'kasi', label: 'Kepala Seksi' },
      { key: 'staf', label: 'Staf Pelaksana' },
    ]);
    expect(findPositionLabel(catalogue, 'kasi')).toBe('Kepala Seksi');
    expect(findPositionLabel(catalogue, 'bendahara')).toBe('bendahara');
  });

  it('keeps a lane’s unknown key among the choices, and adds nothing for a known one', () => {
    expect(listPositionChoices(DEFAULT_CATALOGUE, 'kasi')).toBe(DEFAULT_CATALOGUE);
    expect(listPositionChoices(DEFAULT_CATALOGUE, null)).toBe(DEFAULT_CATALOGUE);
    const choices = listPositionChoices(DEFAULT_CATALOGUE, 'bendahara');
    expect(choices).toHaveLength(DEFAULT_CATALOGUE.length + 1);
    expect(choices.at(-1)).toEqual({ key: 'bendahara', label: 'bendahara (?)' });
  });
});

describe('suggestPosition', () => {
  it('matches a lane name to one position by name, key or the usual short form', () => {
    expect(suggestPosition('Kepala Seksi', DEFAULT_CATALOGUE)?.key).toBe('kasi');
    expect(suggestPosition('KASI', DEFAULT_CATALOGUE)?.key).toBe('kasi');
    expect(suggestPosition('Ka. Dinas', DEFAULT_CATALOGUE)?.key).toBe('kadis');
    expect(suggestPosition('Peksos', DEFAULT_CATALOGUE)?.key).toBe('peksos');
  });

  it('offers nothing for a new lane, an outside party or an ambiguous name', () => {
    expect(suggestPosition('Pelaksana 3', DEFAULT_CATALOGUE)).toBeNull();
    expect(suggestPosition('Masyarakat', DEFAULT_CATALOGUE)).toBeNull();
    expect(suggestPosition('', DEFAULT_CATALOGUE)).toBeNull();
    const two = [
      { key: 'kabid-rehsos', label: 'Kepala Bidang Rehabilitasi Sosial' },
      { key: 'kabid-linjamsos', label: 'Kepala Bidang Linjamsos' },
    ];
    expect(suggestPosition('Kabid', two)).toBeNull();
    expect(suggestPosition('Kabid', two.slice(0, 1))?.key).toBe('kabid-rehsos');
  });
});
