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

// Short forms the seeds and agencies write in lane headers (DOMAIN §2), spelled out.
const ABBREVIATIONS: Record<string, string> = {
  kadis: 'kepala dinas',
  'ka dinas': 'kepala dinas',
  sekdin: 'sekretaris dinas',
  sekretaris: 'sekretaris dinas',
  kabid: 'kepala bidang',
  kasi: 'kepala seksi',
  kasubag: 'kepala sub bagian',
  kasubbag: 'kepala sub bagian',
  peksos: 'pekerja sosial',
};

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A catalogue position whose name matches a lane's name ("Kasi" → Kepala Seksi), offered to the
 * designer as a suggestion to accept; null when nothing or more than one position fits, so a
 * suggestion is never a guess between several.
 */
export function suggestPosition(laneName: string, catalogue: CataloguePosition[]): CataloguePosition | null {
  const name = normalise(laneName);
  if (!name) return null;
  const spelled = ABBREVIATIONS[name] ?? name;
  const exact = catalogue.filter(
    (p) => normalise(p.key) === name || normalise(p.label) === name || normalise(p.label) === spelled,
  );
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const prefixed = catalogue.filter((p) => normalise(p.label).startsWith(`${spelled} `));
  return prefixed.length === 1 ? prefixed[0]! : null;
}
