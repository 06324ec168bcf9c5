import type { SopDocument } from '@alur/schema';
import type { ApiClient } from '../api/client.ts';
import { createTrpcDraftRepository } from '../persistence/trpc-repository.ts';
import { openDraft } from './open-draft.ts';

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

/**
 * Creates a copy of an SOP from its draft as this device has it (unsaved work included, as when
 * opening it); returns the new SOP's id.
 */
export async function duplicateSop(
  api: ApiClient,
  sopId: string,
  copyName: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): Promise<{ sopId: string }> {
  const draft = await openDraft(createTrpcDraftRepository(api), storage, sopId);
  return api.sop.create.mutate(prepareDuplicate(copyName, draft.document));
}
