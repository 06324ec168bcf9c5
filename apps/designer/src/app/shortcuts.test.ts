import { describe, expect, it } from 'vitest';
import { matchShortcut } from './shortcuts.ts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('matchShortcut', () => {
  it('maps undo, redo (both spellings) and Cmd as Ctrl', () => {
    expect(matchShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(key('y', { metaKey: true }))).toBe('redo');
  });

  it('maps delete, help and layout, and ignores plain letters', () => {
    expect(matchShortcut(key('Delete'))).toBe('delete');
    expect(matchShortcut(key('?', { shiftKey: true }))).toBe('help');
    expect(matchShortcut(key('R', { shiftKey: true }))).toBe('layout');
    expect(matchShortcut(key('r'))).toBeNull();
  });
});
