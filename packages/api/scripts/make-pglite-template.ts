// Builds dist/pglite-template.tar.gz: an embedded database already initialised and migrated, so
// the first start on an empty data directory restores it instead of running initdb in WASM
// (seconds). The template records the migrations it contains; a stale one is simply not used.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDb, migrateDb } from '../src/db/client.ts';
import { PGLITE_TEMPLATE, readMigrationStamp } from '../src/db/pglite-template.ts';

const started = Date.now();
const db = await createDb({ kind: 'pglite' });
await migrateDb(db);
// biome-ignore lint/suspicious/noExplicitAny: the PGlite client behind drizzle
const blob = (await (db.db as any).$client.dumpDataDir('gzip')) as Blob;
await db.close();
mkdirSync(fileURLToPath(new URL('../dist', import.meta.url)), { recursive: true });
writeFileSync(PGLITE_TEMPLATE.data, Buffer.from(await blob.arrayBuffer()));
writeFileSync(PGLITE_TEMPLATE.stamp, readMigrationStamp());
console.log(`PGlite template written (${(blob.size / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
