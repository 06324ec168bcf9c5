import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDb } from '../packages/api/src/reliability/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../packages/api/src/reliability/processes.ts';
import { postRaw } from '../packages/api/src/testing/raw-http.ts';
import { buildDocxBomb } from '../packages/documents/src/test-support/hostile-files.ts';
import { emit, note, PG_ADMIN_URL, QUICK, run } from './lib.ts';

/*
 * Memory on record (issue 17). `npm start`'s entry (main.ts, demo data) on each store:
 * - server.idle_rss_mb.{pglite,postgres}: the server's RSS once started with the demo and idle
 *   for a few seconds (server.idle_rss_mb is the embedded one, the default deployment);
 * - hostile.rss_growth_mb: peak RSS growth of the embedded server while four ZIP-bomb imports
 *   (0.6 MB .docx files inflating to 600 MB; two with honest headers, two lying) by a signed-in
 *   designer and ten anonymous 60 MB bodies (half with Content-Length, half chunked) arrive at once,
 *   sampled every 20 ms; /healthz is polled every 100 ms throughout and must answer 200 every time.
 */
const MB = 1024 * 1024;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function idleRss(server: ServerProcess): Promise<number> {
  // Let start-up garbage settle, then take the median of a few samples.
  await new Promise((r) => setTimeout(r, QUICK ? 2000 : 5000));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssMb(server.child.pid!));
    await new Promise((r) => setTimeout(r, 200));
  }
  return samples.sort((a, b) => a - b)[2]!;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
    body: JSON.stringify({ username, password: 'alur-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** The senders run in a child process, so pumping 600 MB cannot delay this process's /healthz polls. */
async function sendAll(base: string, cookie: string): Promise<number[]> {
  const bombs = [false, false, true, true].map((lie) =>
    JSON.stringify({ format: 'docx', content: Buffer.from(buildDocxBomb(600, { lie })).toString('base64') }),
  );
  return Promise.all([
    ...bombs.map((body) =>
      postRaw(`${base}/api/trpc/sop.import`, { body, headers: { cookie } }).then((a) => a.status),
    ),
    ...Array.from({ length: 10 }, (_, i) =>
      postRaw(`${base}/api/trpc/auth.login`, { size: 60 * MB, chunked: i % 2 === 1 }).then((a) => a.status),
    ),
  ]);
}

async function attack(server: ServerProcess) {
  const cookie = await login(server.base, 'perancang');
  const pid = server.child.pid!;
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  let healthy = 0;
  let unhealthy = 0;
  const failures: string[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t0 = performance.now();
      const ok = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(5000) })
        .then((r) => r.status === 200 || `status ${r.status}`)
        .catch((e) => String(e?.cause ?? e));
      if (ok !== true) failures.push(`${ok} after ${Math.round(performance.now() - t0)} ms`);
      if (ok === true) healthy++;
      else unhealthy++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  let answers: number[];
  let elapsed: number;
  try {
    const out = await run(process.execPath, [
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
      '--send',
      server.base,
      cookie,
    ]);
    answers = JSON.parse(out) as number[];
    elapsed = performance.now() - started;
    // Keep watching a moment after the last answer: memory freed late would still show here.
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    clearInterval(sampler);
    polling = false;
    await poller;
  }
  return { before, peak, answers, healthy, unhealthy, failures, elapsed };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'alur-hostile-'));
  const scratch = await createScratchDb(PG_ADMIN_URL, 'alur_hostile');
  try {
    const pglite = await startServerProcess({
      entry: 'main',
      env: { ALUR_DATA_DIR: join(dir, 'data'), ALUR_DEMO: '1', DATABASE_URL: undefined },
      timeoutMs: 120_000,
    });
    try {
      const idle = await idleRss(pglite);
      emit('server.idle_rss_mb', idle, 'MB', { store: 'pglite', demo: true });
      emit('server.idle_rss_mb.pglite', idle, 'MB', { demo: true });
      const r = await attack(pglite);
      const growth = r.peak - r.before;
      emit('hostile.rss_growth_mb', growth, 'MB', {
        store: 'pglite',
        before_mb: Math.round(r.before),
        peak_mb: Math.round(r.peak),
        statuses: r.answers,
        healthz_ok: r.healthy,
        healthz_failed: r.unhealthy,
        seconds: Math.round(r.elapsed / 100) / 10,
      });
      note(
        `statuses ${r.answers.join(' ')}; /healthz ${r.healthy} ok, ${r.unhealthy} failed ${r.failures.join('; ')}`,
      );
      if (growth > 150 || r.unhealthy > 0 || r.answers.some((s) => s >= 500)) process.exitCode = 1;
    } finally {
      await pglite.stop();
    }
    const pg = await startServerProcess({
      entry: 'main',
      env: { DATABASE_URL: scratch.url, ALUR_DEMO: '1' },
      timeoutMs: 120_000,
    });
    try {
      emit('server.idle_rss_mb.postgres', await idleRss(pg), 'MB', { demo: true });
    } finally {
      await pg.stop();
    }
  } finally {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sendAt = process.argv.indexOf('--send');
if (sendAt >= 0) {
  sendAll(process.argv[sendAt + 1]!, process.argv[sendAt + 2]!).then((statuses) => {
    console.log(JSON.stringify(statuses));
  });
} else {
  main().catch((error) => {
    note(String(error?.stack ?? error));
    process.exit(1);
  });
}
