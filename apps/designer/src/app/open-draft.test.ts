import { describe, expect, it } from 'vitest';
import { applyCommand } from '../model/commands.ts';
import { createSampleDocument } from '../model/fixtures.ts';
import { createMemoryDraftRepository, type DraftRepository } from '../persistence/draft-repository.ts';
import { writeLocalCopy } from '../persistence/local-copy.ts';
import { openDraft } from './open-draft.ts';

function createStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('openDraft', () => {
  const server = () => createMemoryDraftRepository({ s1: { document: createSampleDocument(), revision: 4 } });
  const edited = applyCommand(createSampleDocument(), {
    type: 'identity.update',
    payload: { patch: { nomor: 'X' } },
  });

  it('opens the stored draft when no unsaved copy exists', async () => {
    expect(await openDraft(server(), createStorage(), 's1')).toMatchObject({
      baseRevision: 4,
      restored: false,
    });
  });

  it('restores unsaved work with its own base revision, so a moved server yields a conflict', async () => {
    const storage = createStorage();
    writeLocalCopy(storage, 's1', { document: edited, baseRevision: 3, savedAt: '2026-01-05T08:00:00Z' });
    const opened = await openDraft(server(), storage, 's1');
    expect(opened).toMatchObject({ baseRevision: 3, restored: true });
    expect(opened.document.identity.nomor).toBe('X');
  });

  it('opens the unsaved copy when the server cannot be reached', async () => {
    const storage = createStorage();
    writeLocalCopy(storage, 's1', { document: edited, baseRevision: 4, savedAt: '' });
    const down: DraftRepository = {
      load: () => Promise.reject(new TypeError('Failed to fetch')),
      save: () => Promise.reject(new Error()),
    };
    expect(await openDraft(down, storage, 's1')).toMatchObject({ restored: true, baseRevision: 4 });
    await expect(openDraft(down, createStorage(), 's1')).rejects.toThrow('Failed to fetch');
  });
});
