import type { SessionCache } from './auth/session-cache.ts';
import type { Database } from './db/client.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Guards } from './guards/guards.ts';
import type { FileService } from './services/files/file-service.ts';
import type { PdfConverter } from './services/letters/pdf-converter.ts';

/**
 * What the server hands every request and every service: the store, the clock and the
 * cross-process event bus. (Here, not in trpc/ or server/, so services need neither.)
 */
export interface AppDeps {
  database: Database;
  /** The clock; tests pass a fixed or stepping one. */
  now: () => Date;
  bus: EventBus;
  /** Sessions resolved lately (the server's; absent = every request reads its session). */
  sessions?: SessionCache;
  /** Secure cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Size limits and the heavy-work line; this process's (from `ALUR_…` variables) when absent. */
  guards?: Guards;
  /** Case file storage (ALUR_FILES); absent = bytes in the database, default upload limit. */
  files?: FileService;
  /** LibreOffice for letters as PDF, found at start (`/healthz` pdfConverter); absent = DOCX only. */
  pdfConverter?: PdfConverter | null;
  /** Demo mode (ALUR_DEMO=1): the login page may name the demo accounts. Never set otherwise. */
  demo?: boolean;
}
