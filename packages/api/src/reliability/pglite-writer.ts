import { sql } from 'drizzle-orm';
import { loadSessionUser } from '../auth/sessions.ts';
import { createDb } from '../db/client.ts';
import { actOnTask } from '../services/task-commands.ts';
import { buildChainDoc, seedStore, startCases } from './fixtures.ts';

/**
 * Child process of the embedded-store crash test: opens the PGlite data dir ALUR_DATA_DIR, seeds
 * it, then completes tasks one by one, printing `COMMITTED <n>` after each commit returns, until
 * killed (or 2,000 completions, so it is bounded on its own).
 */
async function write() {
  const store = await seedStore(
    await createDb({ kind: 'pglite', dataDir: process.env.ALUR_DATA_DIR! }),
    buildChainDoc(10),
  );
  const user = await loadSessionUser(store.deps.database.db, await store.userId('kasi'));
  await startCases(store, 200);
  const open = await store.deps.database.query<{ id: string }>(
    sql`select id from tasks where status = 'open'`,
  );
  let committed = 0;
  for (const { id } of open) {
    let taskId: string | undefined = id;
    while (taskId && committed < 2000) {
      const r = await actOnTask(store.deps, user, { taskId }, { type: 'task.complete' });
      committed++;
      process.stdout.write(`COMMITTED ${committed}\n`);
      taskId = r.openTasks[0]?.id;
    }
  }
  await store.close();
}

write().catch((error) => {
  console.error(error);
  process.exit(1);
});
