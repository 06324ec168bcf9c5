import { useSyncExternalStore } from 'react';

/** Below this width the canvas, palette and inspector do not fit side by side. */
export const MIN_EDITOR_WIDTH = 768;

const QUERY = `(max-width: ${MIN_EDITOR_WIDTH - 1}px)`;

/** True while the window is narrower than the editor needs (a phone); follows rotation. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(QUERY);
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => window.matchMedia(QUERY).matches,
  );
}
