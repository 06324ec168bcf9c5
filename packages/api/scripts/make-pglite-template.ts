// Builds dist/pglite-template/: an embedded database already initialised and migrated, so the
// first start on an empty data directory copies it instead of running initdb in WASM (seconds).
// The template records the migrations it contains; a stale one is simply not used.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createDb, migrateDb } from '../src/db/client.ts';
import { PGLITE_TEMPLATE, readMigrationStamp } from '../src/db/pglite-template.ts';

const started = Date.now();
const building = `${PGLITE_TEMPLATE.dir}.building`;
rmSync(building, { recursive: true, force: true });
rmSync(PGLITE_TEMPLATE.stamp, { force: true });
const db = await createDb({ kind: 'pglite', dataDir: building });
await migrateDb(db);
await db.close();
rmSync(PGLITE_TEMPLATE.dir, { recursive: true, force: true });
renameSync(building, PGLITE_TEMPLATE.dir);
// The stamp goes last: a template without it is never used.
writeFileSync(PGLITE_TEMPLATE.stamp, readMigrationStamp());
// An older build kept the template as a tarball; it is no longer read.
rmSync(`${PGLITE_TEMPLATE.dir}.tar.gz`, { force: true });
console.log(`PGlite template written to ${PGLITE_TEMPLATE.dir} in ${Date.now() - started} ms`);
