/**
 * Debian's Chromium (`/usr/bin/chromium`, or `ALUR_CHROMIUM`) and the flags the browser tests and
 * the designer benchmark start it with; nothing is downloaded. The omnibox popup's WebUI is off:
 * Debian's Chromium 156, even headless, starts a renderer for chrome://omnibox-popup.top-chrome/
 * with every new window, about 1.5 s of CPU on the machine's two cores (BENCHMARKS.md, "Opening
 * 2,000 symbols"); headless has no omnibox to show it in.
 */
export const CHROMIUM_PATH = process.env.ALUR_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];
