/** A position (jabatan) of the agency's role catalogue that a lane can be bound to. */
export interface CataloguePosition {
  key: string;
  label: string;
}

/** The catalogue used until the agency's own list is loaded from the server. */
export const DEFAULT_CATALOGUE: CataloguePosition[] = [
  { key: 'kadis', label: 'Kepala Dinas' },
  { key: 'sekdin', label: 'Sekretaris Dinas' },
  { key: 'kabid', label: 'Kepala Bidang' },
  { key: 'kasi', label: 'Kepala Seksi' },
  { key: 'staf', label: 'Staf' },
  { key: 'peksos', label: 'Pekerja Sosial' },
];

/** The catalogue label of a position key, or the key itself when the catalogue lacks it. */
export function findPositionLabel(catalogue: CataloguePosition[], key: string): string {
  return catalogue.find((p) => p.key === key)?.label ?? key;
}
