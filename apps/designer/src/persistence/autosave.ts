import type { SopDocument } from '@alur/schema';
import type { DraftRepository } from './draft-repository.ts';
import { clearLocalCopy, type LocalCopy, writeLocalCopy } from './local-copy.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict';

export interface AutosaveState {
  status: SaveStatus;
  baseRevision: number;
  conflict: {
    serverDocument: SopDocument;
    serverRevision: number;
    savedBy?: string | null;
    savedAt?: string | null;
  } | null;
}

export interface AutosaveOptions {
  repo: DraftRepository;
  sopId: string;
  baseRevision: number;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  delayMs?: number;
  /** The clock for the local copy's timestamp (a parameter, so tests control it). */
  now: () => Date;
  onChange: (state: AutosaveState) => void;
}

/**
 * Debounced autosave: every change is copied to local storage at once (it survives a reload or a
 * lost connection), then saved to the repository after `delayMs` of quiet. A conflict stops
 * saving until the user chooses; a network failure retries with a growing delay.
 */
export function createAutosave(opts: AutosaveOptions) {
  const delay = opts.delayMs ?? 1200;
  let state: AutosaveState = { status: 'saved', baseRevision: opts.baseRevision, conflict: null };
  let latest: SopDocument | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  const update = (patch: Partial<AutosaveState>) => {
    state = { ...state, ...patch };
    if (!disposed) opts.onChange(state);
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), ms);
  };
  const keepLocal = (doc: SopDocument) => {
    const copy: LocalCopy = {
      document: doc,
      baseRevision: state.baseRevision,
      savedAt: opts.now().toISOString(),
    };
    writeLocalCopy(opts.storage, opts.sopId, copy);
  };

  async function save(): Promise<void> {
    timer = null;
    if (inFlight) await inFlight;
    const doc = latest;
    if (!doc || state.status === 'conflict' || disposed) return;
    update({ status: 'saving' });
    inFlight = (async () => {
      try {
        const r = await opts.repo.save(opts.sopId, doc, state.baseRevision);
        failures = 0;
        if (!r.ok) {
          update({
            status: 'conflict',
            conflict: {
              serverDocument: r.serverDocument,
              serverRevision: r.serverRevision,
              savedBy: r.savedBy ?? null,
              savedAt: r.savedAt ?? null,
            },
          });
          return;
        }
        if (latest === doc) {
          latest = null;
          clearLocalCopy(opts.storage, opts.sopId);
          update({ status: 'saved', baseRevision: r.revision });
        } else {
          update({ status: 'dirty', baseRevision: r.revision });
          keepLocal(latest!);
          schedule(delay);
        }
      } catch {
        failures++;
        update({ status: 'offline' });
        schedule(Math.min(60_000, delay * 2 ** failures));
      }
    })();
    await inFlight;
    inFlight = null;
  }

  return {
    getState: () => state,
    /** Records a new document version: local copy now, server save after the debounce. */
    notify(doc: SopDocument) {
      latest = doc;
      keepLocal(doc);
      if (state.status !== 'conflict') {
        if (state.status !== 'offline') update({ status: 'dirty' });
        schedule(delay);
      }
    },
    /** Saves now (before leaving, or from a "save" button). */
    flush: () => save(),
    /** Conflict choice "keep mine": save my document over the server's newer revision. */
    async keepMine(current: SopDocument) {
      if (!state.conflict) return;
      latest = current;
      update({ status: 'dirty', baseRevision: state.conflict.serverRevision, conflict: null });
      await save();
    },
    /** Conflict choice "take theirs": adopt the server copy; returns it for the editor to load. */
    takeTheirs(): SopDocument | null {
      const c = state.conflict;
      if (!c) return null;
      latest = null;
      clearLocalCopy(opts.storage, opts.sopId);
      update({ status: 'saved', baseRevision: c.serverRevision, conflict: null });
      return c.serverDocument;
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export type Autosave = ReturnType<typeof createAutosave>;
