import { type AnchorHTMLAttributes, useSyncExternalStore } from 'react';
import { formatHash, type HashLocation, parseHash } from '../lib/hash-route.ts';

// A hash router: the server serves one index.html at /, and the bundle stays free of a router library.
function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current hash, re-rendering on change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useLocation(): HashLocation {
  return parseHash(useHash());
}

/** Goes to `path` (with optional query); `replace` keeps the back button for real moves only. */
export function navigate(path: string, query?: URLSearchParams, replace = false) {
  const hash = formatHash(path, query);
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** A link inside the app. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={`#${to}`} {...rest} />;
}
