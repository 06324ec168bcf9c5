import type { SopDocument } from '@alur/schema';
import { type TemporalState, temporal } from 'zundo';
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { applyCommand, type Command, tryCommand } from '../model/commands.ts';
import type { ConnectionRefusal } from '../model/connection-rules.ts';
import { createSnapCommand } from '../model/layout.ts';
import { EMPTY_SELECTION, type Selection } from '../model/selection.ts';

/** The document slice: persisted and recorded in the undo history. */
export interface DocumentSlice {
  doc: SopDocument;
}

/** The session slice: selection and panels; never saved, never undone. */
export interface SessionSlice {
  selection: Selection;
  /** A copy of the document taken when a gesture (a drag) started; null outside gestures. */
  gestureMark: SopDocument | null;
  /** The last refused edit, shown to the user until the next edit. */
  refusal: ConnectionRefusal | null;
  /** A published version on view: every edit is refused. */
  readOnly: boolean;
}

export interface EditorActions {
  /** Applies a command as one undo step; returns false when it changed nothing. */
  dispatch: (cmd: Command) => boolean;
  select: (selection: Selection) => void;
  setRefusal: (refusal: ConnectionRefusal | null) => void;
  /** Starts a gesture: later `preview` calls are not recorded until `endGesture`. */
  beginGesture: () => void;
  /** Applies a command during a gesture, outside the history. */
  preview: (cmd: Command) => void;
  /** Ends a gesture as exactly one undo step (none when nothing changed). */
  endGesture: () => void;
  /**
   * Ends a drag: the nodes moved in it snap to their lane's centre line and the gesture becomes
   * one undo step. Nodes the drag did not move stay where they are.
   */
  endDrag: () => void;
  /** Abandons a gesture and restores the document as it was at its start (Escape). */
  cancelGesture: () => void;
  /** Replaces the document (load, "take theirs") and forgets the history. */
  replaceDocument: (doc: SopDocument) => void;
  undo: () => void;
  redo: () => void;
}

export type EditorState = DocumentSlice & SessionSlice & EditorActions;
/** The editor store with zundo's history store attached as `temporal`. */
export type EditorStore = StoreApi<EditorState> & { temporal: StoreApi<TemporalState<DocumentSlice>> };

/**
 * Creates the store of one editor: a fresh instance per editor (no module singleton), so tests and
 * several open editors never share state. History records the document slice only.
 */
export function createEditorStore(initial: SopDocument, options: { readOnly?: boolean } = {}): EditorStore {
  const readOnly = options.readOnly ?? false;
  // zundo is typed against the zustand 4 that React Flow also brings; its runtime works with both.
  const withHistory = temporal<EditorState, [], [], DocumentSlice>(
    (set, get) => ({
      doc: initial,
      selection: EMPTY_SELECTION,
      gestureMark: null,
      refusal: null,
      readOnly,
      dispatch: (cmd) => {
        if (readOnly) {
          set({ refusal: READ_ONLY_REFUSAL });
          return false;
        }
        const before = get().doc;
        const result = tryCommand(before, cmd);
        if (!result.ok) {
          set({ refusal: result.refusal });
          return false;
        }
        if (result.doc === before) return false;
        set({ doc: result.doc, refusal: null });
        return true;
      },
      select: (selection) => set({ selection: pruneSelection(get().doc, selection) }),
      setRefusal: (refusal) => set({ refusal }),
      beginGesture: () => {
        if (readOnly || get().gestureMark) return;
        set({ gestureMark: get().doc });
        store.temporal.getState().pause();
      },
      preview: (cmd) => {
        if (readOnly) return;
        if (!get().gestureMark) return void get().dispatch(cmd);
        set({ doc: applyCommand(get().doc, cmd) });
      },
      endGesture: () => {
        const mark = get().gestureMark;
        if (!mark) return;
        const final = get().doc;
        // Rewind to the mark while paused, then record mark → final as one step.
        set({ doc: mark, gestureMark: null });
        store.temporal.getState().resume();
        if (final !== mark) set({ doc: final });
      },
      endDrag: () => {
        const mark = get().gestureMark;
        if (!mark) return;
        const snap = createSnapCommand(mark, get().doc);
        if (snap) set({ doc: applyCommand(get().doc, snap) });
        get().endGesture();
      },
      cancelGesture: () => {
        const mark = get().gestureMark;
        if (!mark) return;
        set({ doc: mark, gestureMark: null });
        store.temporal.getState().resume();
      },
      replaceDocument: (doc) => {
        store.temporal.getState().pause();
        set({ doc, selection: EMPTY_SELECTION, gestureMark: null, refusal: null });
        store.temporal.getState().clear();
        store.temporal.getState().resume();
      },
      undo: () => {
        if (get().gestureMark) get().cancelGesture();
        store.temporal.getState().undo();
        set({ selection: pruneSelection(get().doc, get().selection) });
      },
      redo: () => {
        store.temporal.getState().redo();
        set({ selection: pruneSelection(get().doc, get().selection) });
      },
    }),
    {
      partialize: (s): DocumentSlice => ({ doc: s.doc }),
      // Only document changes become history entries; selection changes never do.
      equality: (a, b) => a.doc === b.doc,
      limit: 300,
    },
  ) as unknown as StateCreator<EditorState>;
  const store = createStore<EditorState>()(withHistory) as EditorStore;
  return store;
}

/**
 * The document as it stands outside a drag: during a drag, the document at its start. Panels
 * whose figures a move cannot change (validation, the critical path, the row table) read this,
 * so a drag does not recompute them on every frame.
 */
export function selectSettledDocument(s: EditorState): SopDocument {
  return s.gestureMark ?? s.doc;
}

const READ_ONLY_REFUSAL: ConnectionRefusal = {
  code: 'READ_ONLY',
  message: {
    id: 'Versi terbit hanya dapat dibaca; kembali ke draf untuk mengubah.',
    en: 'A published version is read-only; go back to the draft to edit.',
  },
};

/** Drops ids that no longer exist (after undo, delete, or a server document). */
function pruneSelection(doc: SopDocument, s: Selection): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  return {
    nodeIds: s.nodeIds.filter((id) => nodes.has(id)),
    edgeIds: s.edgeIds.filter((id) => edges.has(id)),
    laneId: s.laneId && doc.lanes.some((l) => l.id === s.laneId) ? s.laneId : null,
    identity: s.identity,
  };
}
