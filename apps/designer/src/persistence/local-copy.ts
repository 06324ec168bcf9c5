import { parseDocument, type SopDocument } from '@alur/schema';

/** Unsaved work kept on this device, with the server revision it was based on. */
export interface LocalCopy {
  document: SopDocument;
  baseRevision: number;
  savedAt: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (sopId: string) => `alur.draft.${sopId}`;

/** Writes the local copy; a full or disabled storage is ignored (the server save still runs). */
export function writeLocalCopy(storage: StorageLike, sopId: string, copy: LocalCopy): void {
  try {
    storage.setItem(keyOf(sopId), JSON.stringify(copy));
  } catch {
    // Quota exceeded or private mode: nothing better to do than keep going.
  }
}

/** Reads the local copy; anything that no longer parses as a document is dropped. */
export function readLocalCopy(storage: StorageLike, sopId: string): LocalCopy | null {
  const raw = storage.getItem(keyOf(sopId));
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Partial<LocalCopy>;
    const parsed = parseDocument(data.document);
    if (!parsed.ok || typeof data.baseRevision !== 'number') return null;
    return {
      document: parsed.document,
      baseRevision: data.baseRevision,
      savedAt: String(data.savedAt ?? ''),
    };
  } catch {
    return null;
  }
}

export function clearLocalCopy(storage: StorageLike, sopId: string): void {
  storage.removeItem(keyOf(sopId));
}
