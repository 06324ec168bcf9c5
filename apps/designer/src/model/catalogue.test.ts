import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE, findPositionLabel, listPositionChoices, toCatalogue } from './catalogue.ts';

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
