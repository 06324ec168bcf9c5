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

/** The agency's positions as `admin.positions.list` returns them. */
export interface ServerPosition {
  key: string;
  name: string;
  supervisorKey: string | null;
}

/** Turns the server's role catalogue into lane binding choices, sorted by name. */
export function toCatalogue(positions: ServerPosition[]): CataloguePosition[] {
  return positions
    .map((p) => ({ key: p.key, label: p.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'id'));
}

/**
 * The binding choices for a lane: the catalogue, plus the lane's current key when the catalogue
 * lacks it (a removed position, or a document from another agency), so the select never lies.
 */
export function listPositionChoices(
  catalogue: CataloguePosition[],
  currentKey: string | null,
): CataloguePosition[] {
  if (!currentKey || catalogue.some((p) => p.key === currentKey)) return catalogue;
  return [...catalogue, { key: currentKey, label: `${currentKey} (?)` }];
}
