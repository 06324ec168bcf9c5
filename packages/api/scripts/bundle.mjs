// Compiles the server and the CLI into plain JavaScript under dist/, so they start with `node`
// instead of compiling TypeScript at run time (tsx). The workspace packages (@alur/*) export their
// TypeScript source, so they are bundled in; every npm dependency stays an ordinary import from
// node_modules (native @node-rs/argon2, PGlite with its wasm and data files, pdfkit's fonts).
// `node scripts/bundle.mjs` builds; `ensureBundle()` rebuilds only when a source is newer.
// Plain JavaScript, so bin/alur.mjs and scripts/start.mjs can use it without tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(API_DIR, 'dist');

/** The bundles: dist/<name>.js from src/<path>. All sit directly in dist/ (see src/package-dirs.ts). */
const ENTRIES = {
  main: 'src/main.ts',
  cli: 'src/cli/main.ts',
};

// Everything the bundles are made of. drizzle/ is read at run time, not bundled.
const SOURCES = ['packages/api/src', 'packages/schema/src', 'packages/documents/src'].map((p) =>
  join(API_DIR, '..', '..', p),
);
const PACKAGE_FILES = ['api', 'schema', 'documents'].map((p) => join(API_DIR, '..', p, 'package.json'));

/** The newest modification time under `dir`, tests excluded (they are never bundled). */
function findNewestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, findNewestMtime(path));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The path of a bundle, e.g. `bundlePath('cli')` → …/packages/api/dist/cli.js. */
export function bundlePath(name) {
  return join(DIST, `${name}.js`);
}

/** True when every bundle exists and is newer than every source file and package.json it is made of. */
export function isBundleFresh() {
  const built = Object.keys(ENTRIES).map((name) => {
    const path = bundlePath(name);
    return existsSync(path) ? statSync(path).mtimeMs : 0;
  });
  const oldest = Math.min(...built);
  if (oldest === 0) return false;
  const newestSource = Math.max(
    ...SOURCES.map(findNewestMtime),
    ...PACKAGE_FILES.map((p) => statSync(p).mtimeMs),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return newestSource < oldest;
}

/**
 * npm packages bundled in rather than imported from node_modules: pure ES-module JavaScript that a
 * start loads anyway. Loaded separately they were ≈ 230 modules (drizzle-orm 107, zod 95, tRPC 12),
 * each resolved, read and compiled on its own before the server could answer (BENCHMARKS.md, #16).
 * Packages that read files beside themselves (PGlite's WASM), native ones (@node-rs/argon2),
 * CommonJS ones (busboy, which needs `require`) and those loaded only on demand stay imports.
 */
const BUNDLED_PACKAGES = [
  'drizzle-orm',
  'zod',
  '@trpc/server',
  'luxon',
  'sirv',
  'totalist',
  'mrmime',
  '@polka/url',
];

/** The package name of a bare import, e.g. `drizzle-orm/pg-core` → `drizzle-orm`. */
function packageName(path) {
  const parts = path.split('/');
  return path.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** esbuild plugin: a bare import is external unless it is a workspace package or in BUNDLED_PACKAGES. */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@alur/') || BUNDLED_PACKAGES.includes(packageName(args.path)))
        return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * esbuild plugin: zod's `locales` namespace (`z.locales`, `z.core.locales`) holds only English.
 * zod re-exports all of its 60-odd translations of its error messages there, and a namespace
 * re-export cannot be tree-shaken, so they were ≈ 370 kB of the 1.65 MB a start parses before it
 * listens, for messages no Alur code asks for (#16). English, which zod configures itself (from
 * `locales/en.js` directly), stays available as `z.locales.en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Builds every bundle into dist/. Files are written beside and renamed, so a concurrent reader never sees half a file. */
export async function bundleServer({ clean = false } = {}) {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: API_DIR,
    entryPoints: ENTRIES,
    outdir: DIST,
    // Chunks stay in dist/ itself, at the same depth as the entries (src/package-dirs.ts).
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    plugins: [externalNpmPackages, zodEnglishOnly],
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(DIST, { recursive: true });
  // Chunks first, entries last: an entry never points at a chunk that is not there yet.
  const isEntry = (path) => Object.keys(ENTRIES).some((name) => path === bundlePath(name));
  const files = [...result.outputFiles].sort((a, b) => Number(isEntry(a.path)) - Number(isEntry(b.path)));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  if (clean) removeOldChunks(new Set(files.map((f) => f.path)));
  return { files: files.length, ms: Date.now() - started };
}

/**
 * Compiles one more script (a benchmark that drives the API's own modules) the way the server is
 * compiled: the same esbuild settings as `bundleServer`, into one file `dist/<name>.js`, one level
 * below packages/api like the server's entries (so src/package-dirs.ts finds the same folders).
 * Measuring the engine through tsx instead measures code the server does not run: tsx keeps
 * function names by wrapping every closure a function creates in `__name(…)` (BENCHMARKS.md #16).
 */
export async function bundleScript(entry, name) {
  const esbuild = await import('esbuild');
  const outfile = join(DIST, `${name}.js`);
  await esbuild.build({
    absWorkingDir: API_DIR,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    plugins: [externalNpmPackages, zodEnglishOnly],
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Deletes chunks of earlier builds (their names carry a content hash), keeping the PGlite template.
 * Only an explicit `npm run build` does this: a server started from an earlier build may still
 * import one of its lazy chunks after an automatic rebuild.
 */
function removeOldChunks(current) {
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (/\.js(\.map)?$/.test(name) && !current.has(path)) rmSync(path, { force: true });
  }
}

/**
 * Rebuilds the bundles when a source changed since the last build. Without esbuild (installed
 * with --omit=dev) an existing bundle is used as it is.
 */
export async function ensureBundle() {
  if (isBundleFresh()) return;
  try {
    await bundleServer();
  } catch (error) {
    if (!existsSync(bundlePath('main')) || !existsSync(bundlePath('cli'))) throw error;
    process.stderr.write(
      `Peringatan: bundel di ${relative(process.cwd(), DIST)} tidak dapat dibangun ulang (cannot rebuild): ${error.message}\n`,
    );
  }
}

/**
 * What `npm start` needs of packages/api before the server can run: the bundles and the PGlite
 * template. Without a template it runs the package's whole build (`npm run build -w @alur/api`);
 * otherwise it only rebundles changed sources.
 */
export async function ensureServerBuild() {
  if (!existsSync(join(DIST, 'pglite-template.stamp'))) {
    const r = spawnSync('npm', ['run', 'build', '-w', '@alur/api'], {
      cwd: join(API_DIR, '..', '..'),
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`npm run build -w @alur/api exited ${r.status ?? r.signal}`);
    return;
  }
  await ensureBundle();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, ms } = await bundleServer({ clean: true });
  console.log(`Server dan CLI dibundel ke ${relative(process.cwd(), DIST)} (${files} berkas) dalam ${ms} ms`);
}
