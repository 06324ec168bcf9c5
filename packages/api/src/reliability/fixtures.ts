import { createHash, randomBytes } from 'node:crypto';
import type { SopDocument } from '@alur/schema';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { loadSessionUser } from '../auth/sessions.ts';
import { createDb, type Database, migrateDb } from '../db/client.ts';
import { sessions, sops, users } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createEventBus } from '../events/event-bus.ts';
import { startCaseForUser } from '../services/cases.ts';
import { loadDemoData } from '../services/demo.ts';

/** A scratch PostgreSQL database, created on the server of `adminUrl` and dropped by `drop`. */
export interface ScratchDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDb(adminUrl: string, prefix = 'alur_rel'): Promise<ScratchDb> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * A linear SOP in the kasi lane, `steps` activities long, each with a one-hour Mutu Baku:
 * every completion closes one task and opens the next (the common case the benchmarks measure).
 */
export function buildChainDoc(steps: number): SopDocument {
  const nodes: Record<string, string> = { s: 'start@kasi' };
  for (let i = 1; i <= steps; i++) nodes[`a${i}`] = 'activity@kasi 1 jam';
  nodes.e = 'end@kasi';
  const chain = ['s', ...Array.from({ length: steps }, (_, i) => `a${i + 1}`), 'e'].join(' > ');
  // One upload slot ("ktp") for the file tests and benchmark; forms stay empty.
  return buildDoc({ lanes: { kasi: 'position:kasi' }, nodes, flows: [chain], fileFields: ['ktp'] });
}

/** An open store with the cross-process event bus, as the server's request handlers see it. */
export async function openDeps(database: Database, now: () => Date = () => new Date()): Promise<AppDeps> {
  const bus = await createEventBus(database);
  return { database, bus, now, secureCookies: false };
}

export interface SeededStore {
  deps: AppDeps;
  agencyId: string;
  sopId: string;
  userId(username: string): Promise<string>;
  close(): Promise<void>;
}

/** Migrates a database, loads the demo agency and publishes `doc` as its one SOP. */
export async function seedStore(
  database: Database,
  doc: SopDocument,
  now?: () => Date,
): Promise<SeededStore> {
  await migrateDb(database);
  const deps = await openDeps(database, now);
  const { agencyId } = await loadDemoData(database.db, [{ slug: 'bench', document: doc }], deps.now());
  const [sop] = await database.db.select({ id: sops.id }).from(sops).where(eq(sops.agencyId, agencyId));
  return {
    deps,
    agencyId,
    sopId: sop!.id,
    async userId(username) {
      const [u] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
      return u!.id;
    },
    async close() {
      await deps.bus.close();
      await database.close();
    },
  };
}

/** Opens a PostgreSQL database by URL and seeds it (see `seedStore`). */
export async function seedPostgres(url: string, doc: SopDocument, max = 20): Promise<SeededStore> {
  return seedStore(await createDb({ kind: 'postgres', url, max }), doc);
}

/**
 * Opens a session for a user without the password round trip (argon2 costs ~0.1 s per login,
 * which would dominate a benchmark); returns the cookie header value.
 */
export async function createSessionCookie(database: Database, userId: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await database.db.insert(sessions).values({
    tokenHash: createHash('sha256').update(token).digest('hex'),
    userId,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  return `alur_session=${token}`;
}

/** Starts `count` cases of the store's SOP as `username`; returns their ids. */
export async function startCases(store: SeededStore, count: number, username = 'kasi'): Promise<string[]> {
  const user = await loadSessionUser(store.deps.database.db, await store.userId(username));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { caseId } = await startCaseForUser(store.deps, user, { sopId: store.sopId, title: `Kasus ${i}` });
    ids.push(caseId);
  }
  return ids;
}

export interface TrpcAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON from the wire
  body: any;
}

/** One tRPC call over plain HTTP (no batching), as a browser would send it. */
export async function callTrpc(
  base: string,
  cookie: string,
  path: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
  signal?: AbortSignal,
): Promise<TrpcAnswer> {
  const headers: Record<string, string> = { cookie, 'x-alur-csrf': '1' };
  const url =
    kind === 'query'
      ? `${base}/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/api/trpc/${path}`;
  const res = await fetch(url, {
    method: kind === 'query' ? 'GET' : 'POST',
    headers: kind === 'query' ? headers : { ...headers, 'content-type': 'application/json' },
    body: kind === 'query' ? undefined : JSON.stringify(input ?? null),
    signal,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: res.status, body };
}
