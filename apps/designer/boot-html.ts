import type { Plugin } from 'vite';

/**
 * The requests a page opened on an SOP's address (`#/sop/<id>`) needs first: the session, the
 * draft and the agency's positions, in the one tRPC batch the app would send after its code has
 * run (src/api/boot.ts answers the app's own calls from it).
 */
export const BOOT_PATHS = ['auth.me', 'sop.get', 'admin.positions.list'] as const;

/**
 * The script index.html runs for an SOP's address. Without it the page asked for the
 * editor's code and the draft only once its entry code had loaded, run and mounted React: two
 * round trips and the entry's start one after another. With it the draft is asked for while the
 * HTML is parsed, and the editor's chunks (`files`) load beside the entry's.
 */
export function bootScript(apiUrl: string, files: { href: string; css: boolean }[]): string {
  return `(function () {
  var m = /^#\\/sop\\/(.+)$/.exec(location.hash);
  if (!m) return;
  var sopId;
  try { sopId = decodeURIComponent(m[1]); } catch (e) { return; }
  var paths = ${JSON.stringify(BOOT_PATHS)};
  var inputs = { ${BOOT_PATHS.indexOf('sop.get')}: { sopId: sopId } };
  var url = ${JSON.stringify(apiUrl)} + '/' + paths.join(',') + '?batch=1&input=' + encodeURIComponent(JSON.stringify(inputs));
  ${JSON.stringify(files)}.forEach(function (f) {
    var link = document.createElement('link');
    link.rel = f.css ? 'preload' : 'modulepreload';
    if (f.css) link.as = 'style';
    link.crossOrigin = '';
    link.href = f.href;
    document.head.appendChild(link);
  });
  window.__alurBoot = {
    paths: paths,
    inputs: inputs,
    response: fetch(url, { credentials: 'same-origin', headers: { 'x-alur-csrf': '1' } })
      .then(function (r) { return r.json(); })
      .catch(function () { return null; })
  };
})();`;
}

/**
 * Puts `bootScript` first in index.html, with the chunks the editor (src/app/EditorRoutes.tsx)
 * loads that the entry does not already load. In the dev server there are no chunks: only the
 * draft is asked for early.
 */
export function bootPlugin(apiUrl: string): Plugin {
  let base = '/';
  return {
    name: 'alur-boot',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const files: { href: string; css: boolean }[] = [];
        const bundle = ctx.bundle;
        if (bundle) {
          const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
          const byFile = new Map(chunks.map((c) => [c.fileName, c]));
          const closure = (start: string[]) => {
            const seen = new Set<string>();
            const visit = (file: string) => {
              if (seen.has(file)) return;
              seen.add(file);
              for (const next of byFile.get(file)?.imports ?? []) visit(next);
            };
            for (const file of start) visit(file);
            return seen;
          };
          const entry = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
          const editor = chunks.find(
            (c) => c.isDynamicEntry && c.facadeModuleId?.endsWith('/src/app/EditorRoutes.tsx'),
          );
          if (!editor) throw new Error('alur-boot: no chunk for src/app/EditorRoutes.tsx');
          const loaded = closure(entry);
          for (const file of closure([editor.fileName])) {
            if (loaded.has(file)) continue;
            files.push({ href: `${base}${file}`, css: false });
            for (const css of byFile.get(file)?.viteMetadata?.importedCss ?? [])
              files.push({ href: `${base}${css}`, css: true });
          }
        }
        // After the entry's scripts, and the draft after the chunks: the server answers in order and
        // a 640 kB draft holds it for a while, so the code (which the browser compiles and runs
        // meanwhile) goes first. Before the stylesheets, which an inline script would wait for.
        const script = `<script>${bootScript(apiUrl, files)}</script>\n    `;
        const at = html.search(/<link rel="stylesheet"|<\/head>/);
        return html.slice(0, at) + script + html.slice(at);
      },
    },
  };
}
