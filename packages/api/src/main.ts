import { readDbConfig } from './db/config.ts';
import { startStoreEarly } from './db/head-start.ts';

// The server's entry (`npm start`). For the embedded store it starts copying the prepared
// template into a new data directory, compiling PGlite's WASM and then opening PGlite on the copy
// (db/head-start.ts) before it loads the rest of the server (server/start.ts), whose loading then
// overlaps them; createDb takes the open store.
async function main() {
  const started = Date.now();
  const config = readDbConfig();
  startStoreEarly(config);
  const { startServer } = await import('./server/start.ts');
  await startServer(config, started);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
