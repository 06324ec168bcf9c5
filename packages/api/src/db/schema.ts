import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Normalises PostgreSQL's timestamptz text ("2026-11-23 14:45:14.516+00") to ISO 8601 UTC. */
export function toIsoInstant(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  // Fast path for the server's usual UTC text: rebuilt as a string, no Date parsing (hot on lists).
  const utc = UTC_TEXT.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso).toISOString();
}
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00(?::?00)?|Z)$/;

/** All timestamps are instants (timestamptz) handled as ISO strings, so the API's JSON stays plain. */
const isoTimestamp = customType<{ data: string; driverData: string }>({
  dataType: () => 'timestamp with time zone',
  fromDriver: (value) => toIsoInstant(value),
  toDriver: (value) => value,
});
const ts = (name: string) => isoTimestamp(name);
const stamp = (name: string) => ts(name).notNull().default(sql`now()`);
const createdAt = () => stamp('created_at');

/** Working hours per ISO weekday (1 = Monday … 7 = Sunday); null = not a working day. */
export type WorkingHours = Record<string, { start: string; end: string } | null>;

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  /** IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timeZone: text('time_zone').notNull().default('Asia/Jakarta'),
  workingHours: jsonb('working_hours').$type<WorkingHours>(),
  createdAt: createdAt(),
});

/** The agency's role catalogue (jabatan); `supervisorKey` receives overdue escalations. */
export const positions = pgTable(
  'positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    supervisorKey: text('supervisor_key'),
  },
  (t) => [uniqueIndex('positions_agency_key').on(t.agencyId, t.key)],
);

export const PERMISSIONS = ['designer', 'admin', 'staff', 'leader'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    permissions: text('permissions').array().$type<Permission[]>().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username').on(sql`lower(${t.username})`)],
);

export const userPositions = pgTable(
  'user_positions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    positionKey: text('position_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.positionKey] }),
    index('user_positions_position').on(t.agencyId, t.positionKey),
  ],
);

/** Sessions: the cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Failed logins, for rate limiting across server processes. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: stamp('at'),
  },
  (t) => [
    index('login_failures_username_at').on(t.username, t.at),
    index('login_failures_ip_at').on(t.ip, t.at),
  ],
);

export const sops = pgTable(
  'sops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    /** The working draft (a SopDocument); saved with optimistic concurrency on draftRevision. */
    draft: jsonb('draft').notNull(),
    draftRevision: integer('draft_revision').notNull().default(1),
    draftUpdatedAt: stamp('draft_updated_at'),
    draftUpdatedBy: uuid('draft_updated_by'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('sops_agency').on(t.agencyId)],
);

/** Published versions: immutable once written. */
export const sopVersions = pgTable(
  'sop_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sopId: uuid('sop_id')
      .notNull()
      .references(() => sops.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    number: integer('number').notNull(),
    document: jsonb('document').notNull(),
    /** SHA-256 of the canonical JSON of the document. */
    checksum: text('checksum').notNull(),
    signer: jsonb('signer').$type<{ jabatan: string; nama: string; nip: string }>().notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    publishedBy: uuid('published_by').notNull(),
    publishedAt: stamp('published_at'),
  },
  (t) => [uniqueIndex('sop_versions_sop_number').on(t.sopId, t.number)],
);

/** Agency entries over the national holiday library: cuti bersama, renames, removals. */
export const holidays = pgTable(
  'holidays',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    /** 'cuti_bersama' | 'holiday' adds a non-working day; 'removed' cancels a library holiday. */
    kind: text('kind').$type<'cuti_bersama' | 'holiday' | 'removed'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.date] })],
);

export const caseCounters = pgTable(
  'case_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    sopId: uuid('sop_id')
      .notNull()
      .references(() => sops.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => sopVersions.id),
    /** Readable number per agency and year, e.g. "2026/000123". */
    number: text('number').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<'active' | 'completed' | 'cancelled'>().notNull(),
    /** Parallel-branch bookkeeping of the engine (tokens, joins). */
    engineState: jsonb('engine_state').notNull(),
    startedBy: uuid('started_by').notNull(),
    startedAt: stamp('started_at'),
    completedAt: ts('completed_at'),
    revision: integer('revision').notNull().default(1),
    /**
     * The case file's values, keyed by the SOP's data-field keys, in stored form (see
     * `cleanFieldValue`). File fields are not here: their files are `case_files` rows.
     * Migration 0006 also adds `search`, a tsvector over number, title and these values
     * (hand-written: drizzle has no tsvector type), read by `case.search`; since 0009 a trigger
     * keeps it, recomputing it only when number, title or data change (not on every command).
     */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The public tracking code (services/tracking/tracking-code.ts), canonical form. Kept in clear
     * so the receipt can be reprinted; it opens only the public status page (no personal data).
     * Null for cases started before it existed until their receipt is first printed.
     */
    trackingCode: text('tracking_code'),
  },
  (t) => [
    uniqueIndex('cases_agency_number').on(t.agencyId, t.number),
    uniqueIndex('cases_tracking_code').on(t.trackingCode),
    index('cases_agency_started').on(t.agencyId, t.startedAt),
    index('cases_sop').on(t.sopId, t.startedAt),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: uuid('agency_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    nodeId: text('node_id').notNull(),
    kind: text('kind').$type<'activity' | 'decision'>().notNull(),
    positionKey: text('position_key').notNull(),
    status: text('status').$type<'open' | 'claimed' | 'completed' | 'cancelled'>().notNull(),
    attempt: integer('attempt').notNull(),
    token: text('token').notNull(),
    claimedBy: uuid('claimed_by'),
    createdAt: ts('created_at').notNull(),
    dueAt: ts('due_at'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by'),
    outcome: text('outcome').$type<'ya' | 'tidak'>(),
    note: text('note'),
    /** Working minutes from creation to completion on the agency calendar (evaluation report). */
    workingMinutes: integer('working_minutes'),
    /** Set once by the sweeper when the task passed its due date while open. */
    overdueAt: ts('overdue_at'),
    /**
     * Why this step is worked again: the "tidak" decision that sent the case back to it (its task,
     * node, note and who decided); null on a first visit. Shown in the inbox row, on the task's
     * page and on its "arrived" notification (migration 0010; before, only in that notification).
     */
    sentBack: jsonb('sent_back').$type<{
      taskId: string;
      nodeId: string;
      note: string | null;
      by: string;
    }>(),
  },
  (t) => [
    // A position's tasks newest first: its "task arrived" notifications (services/notifications.ts).
    index('tasks_position_created').on(t.agencyId, t.positionKey, t.createdAt),
    index('tasks_inbox').on(t.agencyId, t.positionKey, t.dueAt).where(sql`status in ('open', 'claimed')`),
    index('tasks_case').on(t.caseId, t.createdAt),
    index('tasks_overdue_sweep')
      .on(t.dueAt)
      .where(sql`status in ('open', 'claimed') and overdue_at is null and due_at is not null`),
  ],
);

/**
 * What a notification says: a task arrived or is late; a case someone started has ended. Since
 * migration 0010 "task.arrived" is no row of `notifications`: every task is its own arrival
 * (services/notifications.ts reads them from `tasks`, their read marks from `task_reads`).
 */
export type NotificationKind = 'task.overdue' | 'task.arrived' | 'case.completed' | 'case.cancelled';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    /** Addressed to everyone holding this position in the agency (task notifications)… */
    positionKey: text('position_key'),
    /** …or to one user (the starter of a case that ended). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationKind>().notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    caseId: uuid('case_id').references(() => cases.id),
    data: jsonb('data').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    // Exactly once per task and kind, whatever number of sweepers run.
    uniqueIndex('notifications_task_kind').on(t.taskId, t.kind),
    index('notifications_position').on(t.agencyId, t.positionKey, t.createdAt),
    index('notifications_user').on(t.userId, t.createdAt),
    check('notifications_addressee', sql`${t.positionKey} is not null or ${t.userId} is not null`),
  ],
);

export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: stamp('read_at'),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/** Who has read the "task arrived" notification of a task (each user their own mark). */
export const taskReads = pgTable(
  'task_reads',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: stamp('read_at'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.userId] })],
);

/** Append-only audit log of every action (who, when, what). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    sopId: uuid('sop_id'),
    caseId: uuid('case_id'),
    taskId: uuid('task_id'),
    nodeId: text('node_id'),
    data: jsonb('data').notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [index('audit_case').on(t.caseId, t.id), index('audit_agency_at').on(t.agencyId, t.at)],
);

/** Results of mutations sent with an idempotency key, replayed to a retrying client. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    procedure: text('procedure').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Raw bytes; postgres-js reads them as Buffer, PGlite as Uint8Array (see services/files). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Stored file contents, content-addressed: one row per distinct SHA-256, however many case files
 * name it. With `ALUR_FILES=db` the bytes live in `file_blob_parts`; `usedAt` is touched by every
 * upload that names the blob, so `alur files gc` never removes one an upload is about to name.
 */
export const fileBlobs = pgTable('file_blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  usedAt: stamp('used_at'),
});

/** The bytes of a blob in parts of at most 1 MiB, so neither upload nor download holds a whole file. */
export const fileBlobParts = pgTable(
  'file_blob_parts',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => fileBlobs.sha256, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.part] })],
);

/** A document attached to a case (a scanned KTP, a signed letter), for one field of its form. */
export const caseFiles = pgTable(
  'case_files',
  {
    fileId: uuid('file_id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    /** Null while the file is staged for a start form (it names `sopId`); set when a case takes it. */
    caseId: uuid('case_id').references(() => cases.id),
    /** The SOP whose start form a staged upload is for (null for an upload into a case). */
    sopId: uuid('sop_id'),
    field: text('field').notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    /** The cleaned name (no path, no control characters, at most 200 characters). */
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** From the content's magic bytes, never from the name or the declared type. */
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [
    index('case_files_case').on(t.caseId, t.uploadedAt),
    index('case_files_sha256').on(t.sha256),
    index('case_files_staged').on(t.uploadedBy, t.uploadedAt).where(sql`${t.caseId} is null`),
  ],
);

/** Who signs a letter: the penandatangan block of a template. */
export type LetterSigner = { nama: string; jabatan: string; nip: string };

/**
 * The agency's numbering of outgoing letters (penomoran surat): one format for all its letters,
 * e.g. `{kode}/{urut:4}/{unit}/{tahun}`, and the unit code it names (docs/letters.md).
 */
export const letterSettings = pgTable('letter_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  format: text('format').notNull().default('{kode}/{urut:4}/{unit}/{tahun}'),
  unit: text('unit').notNull().default(''),
  updatedBy: uuid('updated_by'),
  updatedAt: stamp('updated_at'),
});

/**
 * What a step of an SOP puts out as a letter (the Mutu Baku output): its series code (kode
 * klasifikasi, the `{kode}` of the number), an optional format of its own, the subject and
 * recipient the register shows, and who signs. Live settings: they apply to the next letter.
 */
export const letterOutputs = pgTable(
  'letter_outputs',
  {
    sopId: uuid('sop_id')
      .notNull()
      .references(() => sops.id),
    nodeId: text('node_id').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The series of its numbers; letters of one series share one sequence per year. */
    kode: text('kode').notNull().default(''),
    /** Overrides the agency's format for this output; null = the agency's. */
    format: text('format'),
    /** Perihal in the register; empty = the step's Mutu Baku output or kegiatan. */
    subject: text('subject').notNull().default(''),
    /** The data field naming the recipient in the register; null = the case title. */
    recipientField: text('recipient_field'),
    /** The penandatangan; null = who signed the SOP version (disahkan oleh). */
    signer: jsonb('signer').$type<LetterSigner>(),
    updatedBy: uuid('updated_by'),
    updatedAt: stamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.sopId, t.nodeId] })],
);

/**
 * A Word template uploaded for a step of an SOP. Every upload is a new row (the bytes content-
 * addressed in `file_blobs`); the newest is `current`. Published versions pin theirs in
 * `version_templates`.
 */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    sopId: uuid('sop_id')
      .notNull()
      .references(() => sops.id),
    nodeId: text('node_id').notNull(),
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The tags the template uses (checked against the SOP's fields at upload). */
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    current: boolean('current').notNull().default(true),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [
    uniqueIndex('letter_templates_current').on(t.sopId, t.nodeId).where(sql`current`),
    index('letter_templates_sha256').on(t.sha256),
  ],
);

/** The templates a published version pinned: those current when it was published. */
export const versionTemplates = pgTable(
  'version_templates',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => sopVersions.id),
    nodeId: text('node_id').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => letterTemplates.id),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.nodeId] })],
);

/** The last serial given per agency, series and year: the row lock makes numbers gap-free. */
export const letterCounters = pgTable(
  'letter_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.series, t.year] })],
);

/**
 * One numbered outgoing letter (an entry of the buku agenda surat keluar). Regenerating keeps the
 * number and points the row at the new file; a new number replaces the row (`replacedBy`), which
 * stays in the register so no number ever goes missing.
 */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    taskId: uuid('task_id').references(() => tasks.id),
    nodeId: text('node_id').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => letterTemplates.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    /** The DOCX; null once retention erased the case's documents (the register entry stays). */
    fileId: uuid('file_id').references(() => caseFiles.fileId, { onDelete: 'set null' }),
    pdfFileId: uuid('pdf_file_id').references(() => caseFiles.fileId, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    recipient: text('recipient').notNull(),
    replacedBy: uuid('replaced_by'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('letters_serial').on(t.agencyId, t.series, t.year, t.seq),
    uniqueIndex('letters_case_node_active').on(t.caseId, t.nodeId).where(sql`replaced_by is null`),
    index('letters_agency_created').on(t.agencyId, t.createdAt),
  ],
);
