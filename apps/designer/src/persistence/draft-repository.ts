import type { SopDocument } from '@alur/schema';

export interface LoadedDraft {
  document: SopDocument;
  revision: number;
}

export type SaveResult =
  | { ok: true; revision: number }
  | {
      ok: false;
      conflict: true;
      serverDocument: SopDocument;
      serverRevision: number;
      /** Who saved the server's copy and when (ISO), where the repository knows. */
      savedBy?: string | null;
      savedAt?: string | null;
    };

/**
 * Where drafts live. `save` succeeds only on top of `baseRevision`; otherwise it returns the
 * server's copy so the user can choose, never overwriting silently.
 */
export interface DraftRepository {
  load(sopId: string): Promise<LoadedDraft>;
  save(sopId: string, doc: SopDocument, baseRevision: number): Promise<SaveResult>;
}

/** A repository kept in memory: the local-only mode's store and a real stand-in in tests. */
export function createMemoryDraftRepository(initial: Record<string, LoadedDraft> = {}) {
  const drafts = new Map(Object.entries(initial));
  const repo: DraftRepository & { peek(sopId: string): LoadedDraft | undefined } = {
    async load(sopId) {
      const d = drafts.get(sopId);
      if (!d) throw new Error(`SOP ${sopId} tidak ditemukan`);
      return d;
    },
    async save(sopId, doc, baseRevision) {
      const current = drafts.get(sopId);
      if (current && current.revision !== baseRevision)
        return {
          ok: false,
          conflict: true,
          serverDocument: current.document,
          serverRevision: current.revision,
        };
      const revision = (current?.revision ?? 0) + 1;
      drafts.set(sopId, { document: doc, revision });
      return { ok: true, revision };
    },
    peek: (sopId) => drafts.get(sopId),
  };
  return repo;
}

/** Drafts kept in browser storage only: the local mode when no server is reachable. */
export function createBrowserDraftRepository(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  fallback: () => SopDocument,
): DraftRepository {
  const keyOf = (sopId: string) => `alur.localsop.${sopId}`;
  const read = (sopId: string): LoadedDraft | null => {
    const raw = storage.getItem(keyOf(sopId));
    return raw ? (JSON.parse(raw) as LoadedDraft) : null;
  };
  return {
    async load(sopId) {
      return read(sopId) ?? { document: fallback(), revision: 1 };
    },
    async save(sopId, document, baseRevision) {
      const current = read(sopId);
      if (current && current.revision !== baseRevision)
        return {
          ok: false,
          conflict: true,
          serverDocument: current.document,
          serverRevision: current.revision,
        };
      const revision = (current?.revision ?? 1) + 1;
      storage.setItem(keyOf(sopId), JSON.stringify({ document, revision }));
      return { ok: true, revision };
    },
  };
}
