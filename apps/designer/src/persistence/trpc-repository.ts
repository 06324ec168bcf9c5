import { parseDocument, SCHEMA_VERSION, type SopDocument } from '@alur/schema';
import { readApiError } from '@alur/schema/core';
import type { ApiClient } from '../api/client.ts';
import { takePrefetchedDraft } from './draft-prefetch.ts';
import type { DraftRepository, LoadedDraft } from './draft-repository.ts';

/** Drafts on the Alur server through `sop.get` and `sop.saveDraft`. */
export function createTrpcDraftRepository(api: ApiClient): DraftRepository {
  const load = async (sopId: string): Promise<LoadedDraft> => {
    // A prefetch that failed (e.g. the session was not yet valid) is asked again.
    const prefetched = takePrefetchedDraft(sopId);
    const fetch = () => api.sop.get.query({ sopId });
    const sop = await (prefetched ? prefetched.catch(fetch) : fetch());
    const parsed = readServerDocument(sop.document);
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    return { document: parsed.document, revision: sop.revision };
  };
  return {
    load,
    async save(sopId, document, baseRevision) {
      try {
        const r = await api.sop.saveDraft.mutate({ sopId, document, baseRevision });
        return { ok: true, revision: r.revision };
      } catch (err) {
        // The server names a conflict; fetch its copy so the user can compare and choose.
        if (readApiError(err).code !== 'DRAFT_CONFLICT') throw err;
        const sop = await api.sop.get.query({ sopId });
        const parsed = readServerDocument(sop.document);
        if (!parsed.ok) throw err;
        return {
          ok: false,
          conflict: true,
          serverDocument: parsed.document,
          serverRevision: sop.revision,
          savedBy: sop.updatedByName,
          savedAt: sop.updatedAt,
        };
      }
    },
  };
}

/**
 * A draft as the server sent it. The server stores only documents `parseDocument` returned, and
 * `sop.get` sends one at the current schema version as stored (migrating any older one), so a
 * draft at this page's schema version is used as it is: parsing 640 kB again took ~140 ms of the
 * browser's main thread while opening a 2,000-symbol SOP (BENCHMARKS.md). One at another version
 * (a server older or newer than this page) is migrated or refused as before.
 */
export function readServerDocument(
  document: SopDocument,
): { ok: true; document: SopDocument } | { ok: false; issues: { path: string; message: string }[] } {
  if (document.schemaVersion === SCHEMA_VERSION) return { ok: true, document };
  return parseDocument(document);
}
