import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyCommand } from '../model/commands.ts';
import { createSampleDocument } from '../model/fixtures.ts';
import { type AutosaveState, createAutosave } from './autosave.ts';
import { createMemoryDraftRepository, type DraftRepository } from './draft-repository.ts';
import { readLocalCopy } from './local-copy.ts';

function createStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const rename = (name: string) =>
  applyCommand(createSampleDocument(), { type: 'lane.rename', payload: { laneId: 'l-kasi', name } });

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup<R extends DraftRepository>(repo: R) {
    const storage = createStorage();
    const states: AutosaveState[] = [];
    const autosave = createAutosave({
      repo,
      sopId: 's1',
      baseRevision: 1,
      storage,
      delayMs: 100,
      now: () => new Date('2026-01-05T08:00:00Z'),
      onChange: (s) => states.push(s),
    });
    return { autosave, storage, states, repo };
  }

  it('keeps a local copy at once and saves once after the debounce', async () => {
    const repo = createMemoryDraftRepository({ s1: { document: createSampleDocument(), revision: 1 } });
    const save = vi.spyOn(repo, 'save');
    const { autosave, storage } = setup(repo);
    autosave.notify(rename('a'));
    autosave.notify(rename('ab'));
    expect(readLocalCopy(storage, 's1')?.document.lanes[1]?.name).toBe('ab');
    expect(autosave.getState().status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(150);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.getState()).toMatchObject({ status: 'saved', baseRevision: 2 });
    expect(readLocalCopy(storage, 's1')).toBeNull();
    expect(repo.peek('s1')!.document.lanes[1]!.name).toBe('ab');
  });

  it('stops on a conflict; "keep mine" saves over the new base, never silently', async () => {
    const { autosave, repo } = setup(
      createMemoryDraftRepository({ s1: { document: createSampleDocument(), revision: 1 } }),
    );
    await repo.save('s1', rename('theirs'), 1); // someone else saves revision 2
    autosave.notify(rename('mine'));
    await vi.advanceTimersByTimeAsync(150);
    expect(autosave.getState().status).toBe('conflict');
    expect(autosave.getState().conflict?.serverRevision).toBe(2);
    expect(repo.peek('s1')!.document.lanes[1]!.name).toBe('theirs');
    await autosave.keepMine(rename('mine'));
    expect(autosave.getState()).toMatchObject({ status: 'saved', baseRevision: 3 });
    expect(repo.peek('s1')!.document.lanes[1]!.name).toBe('mine');
  });

  it('"take theirs" returns the server copy and drops the local one', async () => {
    const { autosave, repo, storage } = setup(
      createMemoryDraftRepository({ s1: { document: createSampleDocument(), revision: 1 } }),
    );
    await repo.save('s1', rename('theirs'), 1);
    autosave.notify(rename('mine'));
    await vi.advanceTimersByTimeAsync(150);
    const doc = autosave.takeTheirs();
    expect(doc?.lanes[1]?.name).toBe('theirs');
    expect(autosave.getState()).toMatchObject({ status: 'saved', baseRevision: 2 });
    expect(readLocalCopy(storage, 's1')).toBeNull();
  });

  it('goes offline when the server cannot be reached, keeps the local copy and retries', async () => {
    const inner = createMemoryDraftRepository({ s1: { document: createSampleDocument(), revision: 1 } });
    let down = true;
    const repo: DraftRepository = {
      load: inner.load,
      save: (...a) => (down ? Promise.reject(new TypeError('Failed to fetch')) : inner.save(...a)),
    };
    const { autosave, storage } = setup(repo);
    autosave.notify(rename('x'));
    await vi.advanceTimersByTimeAsync(150);
    expect(autosave.getState().status).toBe('offline');
    expect(readLocalCopy(storage, 's1')?.baseRevision).toBe(1);
    down = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.getState().status).toBe('saved');
    expect(inner.peek('s1')!.revision).toBe(2);
  });
});
