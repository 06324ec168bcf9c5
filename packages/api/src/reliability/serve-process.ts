import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { readDbConfig } from '../db/client.ts';

/**
 * A server process for the reliability tests and benchmarks: the same `createApp` as main.ts, but
 * bound to 127.0.0.1 only, on the port given (0 = any free port), with the sweeper interval taken
 * from ALUR_SWEEP_MS (0 = off) so a test can make several processes sweep concurrently. Prints
 * `ALUR_READY <port>` once listening, so the parent knows where to connect.
 */
async function serve() {
  const app = await createApp({
    db: readDbConfig(),
    sweepIntervalMs: Number(process.env.ALUR_SWEEP_MS ?? 0),
  });
  app.server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`ALUR_READY ${(app.server.address() as AddressInfo).port}\n`);
  });
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

serve().catch((error) => {
  console.error(error);
  process.exit(1);
});
