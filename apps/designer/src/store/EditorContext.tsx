import type { SopDocument } from '@alur/schema';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { DiffHighlight } from '../compare/comparison-view.ts';
import { type CataloguePosition, DEFAULT_CATALOGUE } from '../model/catalogue.ts';
import { createEditorStore, type EditorState, type EditorStore } from './editor-store.ts';

interface EditorContextValue {
  store: EditorStore;
  catalogue: CataloguePosition[];
  highlight: DiffHighlight | null;
}

const EditorContext = createContext<EditorContextValue | null>(null);

/** Provides one editor's store to its subtree; the store lives as long as the provider. */
export function EditorProvider(props: {
  document: SopDocument;
  catalogue?: CataloguePosition[];
  /** A published version or a comparison on view: every edit is refused. */
  readOnly?: boolean;
  /** Colours of a comparison (added, removed, changed) drawn on the canvas. */
  highlight?: DiffHighlight | null;
  children: ReactNode;
}) {
  const [store] = useState(() => createEditorStore(props.document, { readOnly: props.readOnly }));
  const catalogue = props.catalogue ?? DEFAULT_CATALOGUE;
  const highlight = props.highlight ?? null;
  // A new value object on every render would re-render every consumer with the provider's parent.
  const value = useMemo(() => ({ store, catalogue, highlight }), [store, catalogue, highlight]);
  return <EditorContext.Provider value={value}>{props.children}</EditorContext.Provider>;
}

function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor must be used inside <EditorProvider>');
  return value;
}

/** Subscribes to a slice of the editor's state. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorContext().store, selector);
}

/** The store itself, for event handlers that read state without subscribing. */
export function useEditorStore(): EditorStore {
  return useEditorContext().store;
}

/** The agency's role catalogue the lanes bind to. */
export function useCatalogue(): CataloguePosition[] {
  return useEditorContext().catalogue;
}

/** The comparison colours of the canvas, when a comparison is on view. */
export function useHighlight(): DiffHighlight | null {
  return useEditorContext().highlight;
}

/** Whether this editor shows a read-only document (a published version or a comparison). */
export function useReadOnly(): boolean {
  return useStore(useEditorContext().store, (s) => s.readOnly);
}

/** Whether undo and redo are possible (reactive). */
export function useHistoryState(): { canUndo: boolean; canRedo: boolean } {
  const { store } = useEditorContext();
  const canUndo = useStore(store.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (s) => s.futureStates.length > 0);
  return { canUndo, canRedo };
}
