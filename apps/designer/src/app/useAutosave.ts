import type { SopDocument } from '@alur/schema';
import { useEffect, useRef, useState } from 'react';
import { type Autosave, type AutosaveState, createAutosave } from '../persistence/autosave.ts';
import type { DraftRepository } from '../persistence/draft-repository.ts';
import { useEditorStore } from '../store/EditorContext.tsx';

/** Connects the editor's document to an autosave; returns its state and the conflict choices. */
export function useAutosave(opts: {
  repo: DraftRepository;
  sopId: string;
  baseRevision: number;
  startDirty: boolean;
}) {
  const store = useEditorStore();
  const [state, setState] = useState<AutosaveState>({
    status: 'saved',
    baseRevision: opts.baseRevision,
    conflict: null,
  });
  const ref = useRef<Autosave | null>(null);
  // The server's copy adopted by "take theirs" is already saved; do not save it back.
  const adopted = useRef<SopDocument | null>(null);
  useEffect(() => {
    const autosave = createAutosave({
      repo: opts.repo,
      sopId: opts.sopId,
      baseRevision: opts.baseRevision,
      storage: window.localStorage,
      now: () => new Date(),
      onChange: setState,
    });
    ref.current = autosave;
    if (opts.startDirty) autosave.notify(store.getState().doc);
    // Only document changes are saved; selection and gesture previews are not.
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.doc !== prev.doc && !s.gestureMark && s.doc !== adopted.current) autosave.notify(s.doc);
    });
    const onLeave = () => void autosave.flush();
    window.addEventListener('pagehide', onLeave);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', onLeave);
      void autosave.flush().finally(() => autosave.dispose());
    };
  }, [store, opts.repo, opts.sopId, opts.baseRevision, opts.startDirty]);
  return {
    state,
    flush: () => ref.current?.flush() ?? Promise.resolve(),
    keepMine: () => void ref.current?.keepMine(store.getState().doc),
    takeTheirs: () => {
      const doc: SopDocument | null | undefined = ref.current?.takeTheirs();
      if (!doc) return;
      adopted.current = doc;
      store.getState().replaceDocument(doc);
    },
  };
}
