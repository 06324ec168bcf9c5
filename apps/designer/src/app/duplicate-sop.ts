import type { SopDocument } from '@alur/schema';

/** The server's limit on SOP names (`sop.create`). */
const MAX_NAME = 300;

/**
 * The input of `sop.create` for a copy of an SOP: the given copy name (e.g. "Salinan …") on the
 * SOP and its identity sheet, so the copy is told apart everywhere; the rest is the draft as is.
 */
export function prepareDuplicate(
  copyName: string,
  document: SopDocument,
): { name: string; document: SopDocument } {
  const name = copyName.trim().slice(0, MAX_NAME);
  return { name, document: { ...document, identity: { ...document.identity, nama: name } } };
}
