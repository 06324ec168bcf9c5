import type { Server } from 'node:http';
import { createSessionCache } from './auth/session-cache.ts';
import { createDb, type DbConfig, migrateDb } from './db/client.ts';
import type { AppDeps } from './deps.ts';
import { createEventBus } from './events/event-bus.ts';
import { createGuards } from './guards/guards.ts';
import { readServerLimits, type ServerLimits } from './guards/server-limits.ts';
import { createHttpServer, type HttpOptions } from './server/http.ts';
import { followCalendarChanges } from './services/calendar.ts';
import { createFileService, type FilesConfig, readFilesConfig } from './services/files/file-service.ts';
import { findPdfConverter, type PdfConverter } from './services/letters/pdf-converter.ts';
import { startSweeper } from './services/sweeper.ts';

export interface AppOptions extends HttpOptions {
  db: DbConfig;
  now?: () => Date;
  secureCookies?: boolean;
  /** Overdue sweep interval; 0 disables the sweeper (tests call `sweepOverdue` directly). */
  sweepIntervalMs?: number;
  /**
   * The first sweep waits for this (`npm start`: the server listening, the demo's history moved to
   * this week); without it the sweeper starts at once.
   */
  sweepAfter?: Promise<unknown>;
  /** Size and concurrency limits; from the `ALUR_…` environment variables when absent. */
  limits?: ServerLimits;
  /** Case file storage; read from ALUR_FILES / ALUR_S3_* / ALUR_MAX_UPLOAD_MB when absent. */
  files?: FilesConfig;
  /** Letters as PDF: LibreOffice found on PATH / ALUR_SOFFICE when absent; null = DOCX only. */
  pdfConverter?: PdfConverter | null;
  /** Demo mode: the login page lists the demo accounts (`auth.demoAccounts`). */
  demo?: boolean;
}

export interface App {
  deps: AppDeps;
  server: Server;
  close(): Promise<void>;
}

/** Opens and migrates the store, starts the event bus and the sweeper, builds the HTTP server. */
export async function createApp(options: AppOptions): Promise<App> {
  // Read first: a misconfigured store stops the start-up before the database is touched.
  const filesConfig = options.files ?? readFilesConfig();
  const database = await createDb(options.db);
  await migrateDb(database);
  const [bus, sessions] = await Promise.all([createEventBus(database), createSessionCache(database)]);
  // Calendar changes made by other processes (PostgreSQL: any number share one database).
  const stopFollowingCalendar = followCalendarChanges(bus);
  const deps: AppDeps = {
    database,
    bus,
    sessions,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies ?? false,
    guards: createGuards(options.limits ?? readServerLimits()),
    files: createFileService(database, filesConfig),
    pdfConverter: options.pdfConverter !== undefined ? options.pdfConverter : findPdfConverter(),
    demo: options.demo ?? false,
  };
  const stopSweeper =
    options.sweepIntervalMs === 0
      ? async () => {}
      : startSweeper(deps, options.sweepIntervalMs, options.sweepAfter);
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
      await sessions.close();
      await deps.files?.store.close();
      await database.close();
    },
  };
}
