/** Editor actions reachable from the keyboard. */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'delete'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'layout'
  | 'fit'
  | 'help';

/** The shortcut table; the help dialog lists it, `matchShortcut` reads it. */
export const SHORTCUTS: { action: ShortcutAction; keys: string[] }[] = [
  { action: 'undo', keys: ['Ctrl+Z'] },
  { action: 'redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'] },
  { action: 'delete', keys: ['Delete', 'Backspace'] },
  { action: 'copy', keys: ['Ctrl+C'] },
  { action: 'paste', keys: ['Ctrl+V'] },
  { action: 'selectAll', keys: ['Ctrl+A'] },
  { action: 'layout', keys: ['Shift+R'] },
  { action: 'fit', keys: ['Shift+F'] },
  { action: 'help', keys: ['?'] },
];

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Spells a key event the way SHORTCUTS writes it ("Ctrl+Shift+Z"); Cmd counts as Ctrl. */
export function describeKey(e: KeyLike): string {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  // "?" already implies Shift on most layouts.
  if (e.shiftKey && key !== '?') parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** The action bound to a key event, or null. */
export function matchShortcut(e: KeyLike): ShortcutAction | null {
  const spelled = describeKey(e);
  return SHORTCUTS.find((s) => s.keys.includes(spelled))?.action ?? null;
}

/** True when the key event comes from a text field, where shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
