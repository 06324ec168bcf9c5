import { fileURLToPath } from 'node:url';

// Every file the server reads at run time (migrations, the PGlite template, seeds, the apps'
// bundles) is found from here. This module sits one level below packages/api both as source
// (src/package-dirs.ts) and bundled (dist/*.js, see scripts/bundle.mjs), so the same relative
// URLs hold in both; never resolve such paths from a deeper module's import.meta.url.

/** packages/api/, with a trailing slash. */
export const API_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The repository root, with a trailing slash. */
export const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
