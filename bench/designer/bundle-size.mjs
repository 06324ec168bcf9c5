// Initial JavaScript of the designer: the entry chunk named by dist/index.html and every chunk it
// imports statically (transitively); lazily loaded chunks (`import("…")`) are left out.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static `import … from "./x.js"` / `import "./x.js"` / `export … from "./x.js"` in a built chunk. */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/** Sums the gzip size (zlib level 9) of the entry chunk and its static imports. */
export function measureInitialJs(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entry = html.match(/<script[^>]*type="module"[^>]*src="([^"]+)"/)?.[1];
  if (!entry) throw new Error(`no module entry script in ${distDir}/index.html`);
  // index.html refers to /designer/assets/…: map the served path back to dist/.
  const first = join(distDir, entry.replace(/^\/designer\//, '').replace(/^\//, ''));
  const seen = new Set();
  const queue = [first];
  let gzipBytes = 0;
  let rawBytes = 0;
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file);
    rawBytes += code.length;
    gzipBytes += gzipSync(code, { level: 9 }).length;
    for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) queue.push(resolve(dirname(file), m[1]));
  }
  return { files: [...seen], rawBytes, gzipBytes };
}
