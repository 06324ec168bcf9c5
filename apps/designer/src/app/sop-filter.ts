/** Lower-cases and strips accents, so "lakip" finds "Penyusunan LAKIP". */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The SOPs whose name holds every word of the query, in their original order. */
export function filterSopsByName<T extends { name: string }>(sops: T[], query: string): T[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return sops;
  return sops.filter((s) => {
    const name = normalise(s.name);
    return words.every((w) => name.includes(w));
  });
}

/**
 * How many SOPs already bear `name` — compared without case, accents or extra spaces, so
 * "Penyusunan  lakip" counts as "Penyusunan LAKIP". Two SOPs of one name are easily mixed up
 * in the inbox, the list and the evaluation.
 */
export function countSameName(sops: readonly { name: string }[], name: string): number {
  const key = normalise(name).replace(/\s+/g, ' ').trim();
  if (!key) return 0;
  return sops.filter((s) => normalise(s.name).replace(/\s+/g, ' ').trim() === key).length;
}
