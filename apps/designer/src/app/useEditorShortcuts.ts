import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { type ClipboardContent, copySelection, createPasteCommand } from '../model/clipboard.ts';
import type { Command } from '../model/commands.ts';
import { createId } from '../model/ids.ts';
import { layoutDocument } from '../model/layout.ts';
import { useEditorStore } from '../store/EditorContext.tsx';
import { isTypingTarget, matchShortcut } from './shortcuts.ts';

/**
 * Binds the keyboard shortcuts of SHORTCUTS to the editor; text fields keep their own keys.
 * Disabled while a published version covers the draft, so Delete or Ctrl+Z never reach a hidden draft.
 */
export function useEditorShortcuts(onHelp: () => void, enabled = true) {
  const store = useEditorStore();
  const { fitView } = useReactFlow();
  const clipboard = useRef<ClipboardContent | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || (e.target instanceof HTMLElement && e.target.closest('dialog'))) return;
      const action = matchShortcut(e);
      if (!action) return;
      const s = store.getState();
      e.preventDefault();
      switch (action) {
        case 'undo':
          return s.undo();
        case 'redo':
          return s.redo();
        case 'delete': {
          // Deleting nodes and edges together is one batch, hence one undo step.
          const commands: Command[] = [
            ...s.selection.edgeIds.map((edgeId) => ({ type: 'edge.remove' as const, payload: { edgeId } })),
            ...s.selection.nodeIds.map((nodeId) => ({ type: 'node.remove' as const, payload: { nodeId } })),
          ];
          if (commands.length) s.dispatch({ type: 'batch', payload: { commands } });
          else if (s.selection.laneId)
            s.dispatch({ type: 'lane.remove', payload: { laneId: s.selection.laneId } });
          return;
        }
        case 'copy':
          clipboard.current = copySelection(s.doc, s.selection.nodeIds);
          return;
        case 'paste': {
          if (!clipboard.current?.nodes.length) return;
          const { command, nodeIds } = createPasteCommand(s.doc, clipboard.current, createId);
          if (s.dispatch(command)) s.select({ nodeIds, edgeIds: [], laneId: null, identity: false });
          // Paste again lands lower still, not on top of the first copy.
          clipboard.current = copySelection(store.getState().doc, nodeIds);
          return;
        }
        case 'selectAll':
          return s.select({
            nodeIds: s.doc.nodes.map((n) => n.id),
            edgeIds: s.doc.edges.map((x) => x.id),
            laneId: null,
            identity: false,
          });
        case 'layout':
          return void s.dispatch(layoutDocument(s.doc));
        case 'fit':
          return void fitView({ duration: 200 });
        case 'help':
          return onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, fitView, onHelp, enabled]);
}
