/** A location inside the hash: "#/tasks/abc?mine=1" → path "/tasks/abc", query "mine=1". */
export interface HashLocation {
  path: string;
  query: URLSearchParams;
}

/** Reads a location from `location.hash` (empty = "/"). */
export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(query) };
}

/** Builds a hash from a path and optional query parameters. */
export function formatHash(path: string, query?: URLSearchParams): string {
  const q = query?.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

/**
 * Matches a path against a pattern with `:name` segments; returns the decoded parameters, or null.
 * "/cases/:caseId" matches "/cases/42" with { caseId: "42" }.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}
