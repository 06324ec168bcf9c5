import type { SopDocumentInput } from '@alur/schema';
import { DEMO_PASSWORD, readBaseUrl } from './env.ts';

/** The tRPC error body as the server sends it (docs/api.md). */
interface TrpcErrorBody {
  error: { message: string; data?: { appCode?: string; httpStatus?: number } };
}

/**
 * A tiny HTTP client for seeding and checking data through the API, signed in as one user. It
 * speaks the documented wire format (GET queries, POST mutations with `x-alur-csrf: 1`).
 */
export class ApiSession {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
  ) {}

  /** Signs in with the demo password and keeps the session cookie. */
  static async signIn(username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const base = readBaseUrl();
    const res = await fetch(`${base}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiSession(base, cookie);
  }

  /** Calls a query procedure; throws with the server's message on an error answer. */
  async query<T>(procedure: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await fetch(`${this.base}/api/trpc/${procedure}${qs}`, { headers: { cookie: this.cookie } });
    return readAnswer<T>(procedure, res);
  }

  /** Calls a mutation procedure. */
  async mutate<T>(procedure: string, input?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/trpc/${procedure}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-alur-csrf': '1' },
      body: JSON.stringify(input ?? null),
    });
    return readAnswer<T>(procedure, res);
  }

  /** Uploads a file into a case's field (`POST /api/files`, as the browser's form does); returns its id. */
  async upload(input: { caseId: string; field: string; taskId?: string; bytes: Uint8Array; name: string }) {
    const form = new FormData();
    form.append('caseId', input.caseId);
    form.append('field', input.field);
    if (input.taskId) form.append('taskId', input.taskId);
    form.append('file', new Blob([new Uint8Array(input.bytes)]), input.name);
    const res = await fetch(`${this.base}/api/files`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-alur-csrf': '1' },
      body: form,
    });
    if (res.status !== 201)
      throw new Error(`upload of ${input.field} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { fileId: string }).fileId;
  }

  /** Downloads `path` (e.g. `/api/files/<id>`) with the session. */
  async download(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  }

  /** Creates a draft SOP with the given document; returns its id. */
  async createSop(name: string, document?: SopDocumentInput): Promise<string> {
    const r = await this.mutate<{ sopId: string }>('sop.create', document ? { name, document } : { name });
    return r.sopId;
  }
}

async function readAnswer<T>(procedure: string, res: Response): Promise<T> {
  const body = (await res.json()) as { result?: { data: T } } & Partial<TrpcErrorBody>;
  if (!res.ok || !body.result) {
    const code = body.error?.data?.appCode ?? res.status;
    throw new Error(`${procedure} failed (${code}): ${body.error?.message ?? 'no message'}`);
  }
  return body.result.data;
}

/**
 * The demo's seeded SOP whose name contains `part` and which has a version in effect. Other tests
 * on the same server draw, import or publish SOPs with similar names (a redrawn "Terdata DTKS", an
 * imported LAKIP draft), so a plain name match would depend on the order the tests ran in.
 */
export async function findSeededSop(api: ApiSession, part: string): Promise<{ id: string; name: string }> {
  const sops =
    await api.query<{ id: string; name: string; versionInEffect: number | null; createdAt?: string }[]>(
      'sop.list',
    );
  const found = sops.filter((s) => s.name.includes(part) && s.versionInEffect !== null);
  if (found.length !== 1) {
    throw new Error(`expected one published SOP named like "${part}", found ${found.length}`);
  }
  return found[0]!;
}
