#!/usr/bin/env node
// `npm start`: builds the two apps and the server bundle when they are missing or older than their
// sources, then runs the compiled server (node packages/api/dist/main.js, no TypeScript compiler at
// run time). Without DATABASE_URL it runs on embedded PGlite in demo mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePath, ensureServerBuild } from '../packages/api/scripts/bundle.mjs';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(app) {
  const index = join(root, 'apps', app, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return (
    newestMtime(join(root, 'apps', app, 'src')) > built ||
    newestMtime(join(root, 'packages', 'schema', 'src')) > built
  );
}

const stale = ['runtime', 'designer'].filter(needsBuild);
if (stale.length > 0) {
  console.log(`Membangun aplikasi: ${stale.join(', ')} …`);
  for (const app of stale) {
    const r = spawnSync('npm', ['run', 'build', '-w', `@alur/${app}`], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// The server bundle and the prepared embedded database (copied instead of running initdb on a
// fresh data directory): `npm run build -w @alur/api` makes both; a changed source only rebundles.
await ensureServerBuild();

const env = { ...process.env };
if (!env.DATABASE_URL && env.ALUR_DEMO === undefined) env.ALUR_DEMO = '1';
const server = spawnSync(process.execPath, [bundlePath('main')], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(server.status ?? 0);
