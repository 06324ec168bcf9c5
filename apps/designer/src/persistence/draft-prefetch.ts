import type { ApiClient } from '../api/client.ts';

type StoredSop = Awaited<ReturnType<ApiClient['sop']['get']['query']>>;

const pending = new Map<string, Promise<StoredSop>>();

/**
 * Starts loading a draft before the editor's code has arrived: a page opened on an SOP's address
 * asks for it beside the session check (one batched request) instead of after it and after the
 * editor's chunks. The answer is used once, by the first `takePrefetchedDraft` for that SOP.
 */
export function prefetchDraft(api: ApiClient, sopId: string): void {
  if (pending.has(sopId)) return;
  const request = api.sop.get.query({ sopId });
  // A failure (signed out, no such SOP) is not reported here: the editor's own request reports it.
  request.catch(() => {});
  pending.set(sopId, request);
}

/** The prefetched answer for `sopId`, if any, which is then forgotten (later loads ask again). */
export function takePrefetchedDraft(sopId: string): Promise<StoredSop> | undefined {
  const request = pending.get(sopId);
  pending.delete(sopId);
  return request;
}
