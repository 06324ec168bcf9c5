// Builds dist/pglite-template/: an embedded database already initialised and migrated, so the
// first start on an empty data directory copies it instead of running initdb in WASM (seconds).
// Then dist/pglite-demo-template/: the same plus the demo agency and about three months of its
// work (services/demo-history.ts), which a first start in demo mode copies and moves to the
// present, so a newcomer meets a lived-in agency without the start-up paying for it.
// Each template records what it was built from; a stale one is simply not used.
import { cpSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDb, migrateDb } from '../src/db/client.ts';
import {
  finishPgliteTemplate,
  PGLITE_DEMO_TEMPLATE,
  PGLITE_TEMPLATE,
  readDemoStamp,
  readMigrationStamp,
} from '../src/db/pglite-template.ts';
import { createEventBus } from '../src/events/event-bus.ts';
import { loadSeeds } from '../src/seeds/load-seeds.ts';
import { loadDemoData } from '../src/services/demo.ts';
import { generateDemoHistory } from '../src/services/demo-history.ts';
import { createDbBlobStore } from '../src/services/files/db-blob-store.ts';
import { loadDemoLetters } from '../src/services/letters/demo-letters.ts';

const started = Date.now();
const building = `${PGLITE_TEMPLATE.dir}.building`;
rmSync(building, { recursive: true, force: true });
rmSync(PGLITE_TEMPLATE.stamp, { force: true });
const db = await createDb({ kind: 'pglite', dataDir: building });
await migrateDb(db);
await db.close();
await finishPgliteTemplate(building);
rmSync(PGLITE_TEMPLATE.dir, { recursive: true, force: true });
renameSync(building, PGLITE_TEMPLATE.dir);
// The stamp goes last: a template without it is never used.
writeFileSync(PGLITE_TEMPLATE.stamp, readMigrationStamp());
// An older build kept the template as a tarball; it is no longer read.
rmSync(`${PGLITE_TEMPLATE.dir}.tar.gz`, { force: true });
console.log(`PGlite template written to ${PGLITE_TEMPLATE.dir} in ${Date.now() - started} ms`);

if (process.env.ALUR_DEMO_HISTORY === '0') {
  rmSync(PGLITE_DEMO_TEMPLATE.stamp, { force: true });
  console.log('ALUR_DEMO_HISTORY=0: no prepared demo built.');
} else {
  const demoStarted = Date.now();
  const demoBuilding = `${PGLITE_DEMO_TEMPLATE.dir}.building`;
  rmSync(demoBuilding, { recursive: true, force: true });
  rmSync(PGLITE_DEMO_TEMPLATE.stamp, { force: true });
  cpSync(PGLITE_TEMPLATE.dir, demoBuilding, { recursive: true });
  const database = await createDb({ kind: 'pglite', dataDir: demoBuilding });
  const now = new Date();
  const bus = await createEventBus(database);
  try {
    const seeds = loadSeeds();
    const demoStart = new Date(now.getTime() - 92 * 86_400_000);
    const demo = await loadDemoData(database.db, seeds, demoStart);
    await loadDemoLetters({ database, store: createDbBlobStore(database), now: demoStart }, demo, seeds);
    const made = await generateDemoHistory({ database, bus, now: () => now, secureCookies: false }, { now });
    await database.query(sql`vacuum analyze`);
    console.log(
      `Prepared demo written to ${PGLITE_DEMO_TEMPLATE.dir} in ${Date.now() - demoStarted} ms: ${made.cases} cases ` +
        `(${made.completed} finished, ${made.late} late steps), ${made.openTasks} open tasks`,
    );
  } finally {
    await bus.close();
    await database.close();
  }
  await finishPgliteTemplate(demoBuilding);
  rmSync(PGLITE_DEMO_TEMPLATE.dir, { recursive: true, force: true });
  renameSync(demoBuilding, PGLITE_DEMO_TEMPLATE.dir);
  writeFileSync(
    PGLITE_DEMO_TEMPLATE.stamp,
    JSON.stringify({ hash: readDemoStamp(), preparedAt: now.toISOString() }),
  );
}
