import { useEffect } from 'react';
import { chooseLanding } from '../lib/landing.ts';
import { navigate, useLocation } from './router.tsx';
import { useMe } from './session.tsx';

// Once per user and browser tab: later visits to the inbox (from the nav or the designer's
// link back) stay there instead of being sent away again.
const LANDED_KEY = 'alur.landed';

/** Sends a user who opens the bare address to the first screen useful to them (chooseLanding). */
export function useLanding(): void {
  const me = useMe();
  const { path } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: decided once, on arrival
  useEffect(() => {
    if (path !== '/' || window.sessionStorage.getItem(LANDED_KEY) === me.id || cameFromDesigner()) return;
    window.sessionStorage.setItem(LANDED_KEY, me.id);
    const landing = chooseLanding(me);
    if (landing === 'designer') window.location.assign('/designer/');
    else if (landing !== '/') navigate(landing, undefined, true);
  }, []);
}

/** True when the designer's "to the work app" link brought the user here: they chose the inbox. */
function cameFromDesigner(): boolean {
  try {
    const from = new URL(document.referrer);
    return from.origin === window.location.origin && from.pathname.startsWith('/designer');
  } catch {
    return false;
  }
}
