import type { SopDocument } from '@alur/schema';
import type { DraftRepository } from '../persistence/draft-repository.ts';
import { readLocalCopy } from '../persistence/local-copy.ts';

export interface OpenedDraft {
  document: SopDocument;
  baseRevision: number;
  /** The document is this device's unsaved copy, newer than what the server holds. */
  restored: boolean;
}

/**
 * Loads a draft, preferring this device's unsaved copy when it differs from the stored one. The
 * copy keeps its own base revision, so a server that moved on meanwhile yields a conflict to
 * resolve rather than a silent overwrite. With the server unreachable, the local copy still opens.
 */
export async function openDraft(
  repo: DraftRepository,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  sopId: string,
): Promise<OpenedDraft> {
  const local = readLocalCopy(storage, sopId);
  try {
    const stored = await repo.load(sopId);
    if (local && JSON.stringify(local.document) !== JSON.stringify(stored.document))
      return { document: local.document, baseRevision: local.baseRevision, restored: true };
    return { document: stored.document, baseRevision: stored.revision, restored: false };
  } catch (err) {
    if (local) return { document: local.document, baseRevision: local.baseRevision, restored: true };
    throw err;
  }
}
