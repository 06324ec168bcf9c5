/** Lower-cases and strips accents, so "pengangkatan" finds "Pengangkatan Anak". */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** SOPs in effect whose name holds every word of the query, in their original order. */
export function filterSopsInEffect<T extends { name: string; versionInEffect: number | null }>(
  sops: T[],
  query: string,
): T[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  return sops.filter((s) => {
    if (s.versionInEffect === null) return false;
    const name = normalise(s.name);
    return words.every((w) => name.includes(w));
  });
}
