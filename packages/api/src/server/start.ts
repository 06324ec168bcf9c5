import { createApp } from '../app.ts';
import type { DbConfig } from '../db/config.ts';
import { endHeadStart } from '../db/head-start.ts';
import { caseCacheCapacity } from '../engine/store/case-cache.ts';
import { REPO_DIR } from '../package-dirs.ts';
import { loadSeeds } from '../seeds/load-seeds.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES, isEmptyDatabase, loadDemoData } from '../services/demo.ts';
import { shiftDemoHistory } from '../services/demo-history.ts';
import { fileServiceOf } from '../services/files/file-service.ts';
import { loadDemoLetters } from '../services/letters/demo-letters.ts';
import { readPublicUrl } from './receipt-route.ts';

/** From listening to the first overdue sweep (then every 30 s). */
const FIRST_SWEEP_DELAY_MS = 1_000;

/**
 * Starts the Alur server (main.ts, `npm start`): API, runtime app at /, designer at /designer/,
 * /healthz. `started`: when the process began, for the "ready in" line.
 */
export async function startServer(config: DbConfig, started: number): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  // A bad value stops the start here, not the first task command.
  caseCacheCapacity(process.env);
  // The overdue sweeper's first sweep waits until a second after the server listens: it is no
  // part of serving, yet took ≈ 200 ms of a first start, before the demo's history was even moved
  // to this week (so it swept the unmoved dates); and PGlite runs one transaction at a time, so
  // right at the start it would hold up the first requests (BENCHMARKS.md, #16).
  let listening = () => {};
  const sweepAfter = new Promise<void>((resolve) => {
    listening = resolve;
  });
  const app = await createApp({
    sweepAfter,
    db: config,
    runtimeDist: `${REPO_DIR}apps/runtime/dist`,
    designerDist: `${REPO_DIR}apps/designer/dist`,
    trustProxy: process.env.ALUR_TRUST_PROXY === '1',
    publicUrl: readPublicUrl(process.env.ALUR_PUBLIC_URL),
    secureCookies: process.env.ALUR_SECURE_COOKIES === '1',
    demo: process.env.ALUR_DEMO === '1',
  });
  const prepared = app.deps.database.demoPreparedAt;
  if (prepared) {
    // A fresh data directory copied from the prepared demo: its history moves to this week.
    const weeks = Math.max(0, Math.floor((app.deps.now().getTime() - prepared.getTime()) / (7 * 86_400_000)));
    await shiftDemoHistory(app.deps.database, weeks);
    console.log(
      'Mode demo: "Dinas Sosial Kabupaten Tegal" dengan SOP contoh dan riwayat kasus tiga bulan terakhir.\n' +
        `  Pengguna demo: ${DEMO_USERNAMES.join(', ')} — kata sandi "${DEMO_PASSWORD}".`,
    );
  } else if (process.env.ALUR_DEMO === '1' && (await isEmptyDatabase(app.deps.database.db))) {
    const seeds = loadSeeds();
    const demo = await loadDemoData(app.deps.database.db, seeds, app.deps.now());
    await loadDemoLetters(
      { database: app.deps.database, store: fileServiceOf(app.deps).store, now: app.deps.now() },
      demo,
      seeds,
    );
    console.log(
      `Mode demo: ${demo.sops} SOP contoh diterbitkan untuk "Dinas Sosial Kabupaten Tegal".\n` +
        `  Pengguna demo: ${demo.users.join(', ')} — kata sandi "${DEMO_PASSWORD}".`,
    );
  }
  app.server.listen(port, () => {
    endHeadStart();
    setTimeout(listening, FIRST_SWEEP_DELAY_MS).unref();
    const where =
      config.kind === 'pglite' ? `PGlite tertanam (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
    console.log(
      `Alur berjalan di http://localhost:${port}/ (perancang: /designer/) — penyimpanan: ${where} — siap dalam ${Date.now() - started} ms`,
    );
  });
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
