import type { Server } from 'node:http';
import { createDb, type DbConfig, migrateDb } from './db/client.ts';
import { createEventBus } from './server/event-bus.ts';
import { createHttpServer, type HttpOptions } from './server/http.ts';
import { followCalendarChanges } from './services/calendar.ts';
import { startSweeper } from './services/sweeper.ts';
import type { AppDeps } from './trpc/context.ts';

export interface AppOptions extends HttpOptions {
  db: DbConfig;
  now?: () => Date;
  secureCookies?: boolean;
  /** Overdue sweep interval; 0 disables the sweeper (tests call `sweepOverdue` directly). */
  sweepIntervalMs?: number;
}

export interface App {
  deps: AppDeps;
  server: Server;
  close(): Promise<void>;
}

/** Opens and migrates the store, starts the event bus and the sweeper, builds the HTTP server. */
export async function createApp(options: AppOptions): Promise<App> {
  const database = await createDb(options.db);
  await migrateDb(database);
  const bus = await createEventBus(database);
  // Calendar changes made by other processes (PostgreSQL: any number share one database).
  const stopFollowingCalendar = followCalendarChanges(bus);
  const deps: AppDeps = {
    database,
    bus,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies ?? false,
  };
  const stopSweeper =
    options.sweepIntervalMs === 0 ? async () => {} : startSweeper(deps, options.sweepIntervalMs);
  const server = createHttpServer(deps, options);
  return {
    deps,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopSweeper();
      stopFollowingCalendar();
      await bus.close();
      await database.close();
    },
  };
}
