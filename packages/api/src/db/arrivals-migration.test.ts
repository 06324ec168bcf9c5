import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationsUpTo } from '../testing/migrations-up-to.ts';

/*
 * Migration 0010 stops writing a "task arrived" notification row per task: a task is its own
 * arrival. A database migrated to 0009 with such rows must keep what they held: the note of the
 * decision that sent a step back (now on the task), who had read which arrival (now task_reads),
 * and every other notification with its read marks.
 */

let client: PGlite;
let folder: string;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [AGENCY, SOP, VERSION, KASI, KABID, CASE] = [id(1), id(2), id(3), id(4), id(5), id(6)];
const [FIRST, AGAIN, DECISION] = [id(7), id(8), id(9)];
const [N_FIRST, N_AGAIN, N_LATE] = [id(21), id(22), id(23)];
const SENT_BACK = { taskId: DECISION, nodeId: 'periksa', note: 'Lampirkan KK', by: KABID };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'alur-0010-'));
  client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder: migrationsUpTo(folder, '0009_leaner-case-writes') });
  const task = (tid: string, node: string, position: string, status: string, attempt: number) =>
    `insert into tasks (id, case_id, agency_id, sop_id, node_id, kind, position_key, status, attempt, token, created_at)
      values ('${tid}', '${CASE}', '${AGENCY}', '${SOP}', '${node}', 'activity', '${position}', '${status}', ${attempt},
        'root', now());`;
  await client.exec(`
    insert into agencies (id, slug, name) values ('${AGENCY}', 'a', 'A');
    insert into users (id, agency_id, username, display_name, password_hash)
      values ('${KASI}', '${AGENCY}', 'kasi', 'Kasi', 'x'), ('${KABID}', '${AGENCY}', 'kabid', 'Kabid', 'x');
    insert into sops (id, agency_id, name, draft) values ('${SOP}', '${AGENCY}', 'SOP', '{}');
    insert into sop_versions (id, sop_id, agency_id, number, document, checksum, signer, effective_date,
      published_by)
      values ('${VERSION}', '${SOP}', '${AGENCY}', 1, '{}', 'x', '{}', '2026-01-01', '${KASI}');
    insert into cases (id, agency_id, sop_id, version_id, number, title, status, engine_state, started_by, started_at)
      values ('${CASE}', '${AGENCY}', '${SOP}', '${VERSION}', '2026/000001', 'Permohonan Sari', 'active', '{}',
        '${KASI}', now());
    ${task(FIRST, 'draft', 'kasi', 'completed', 1)}
    ${task(DECISION, 'periksa', 'kabid', 'completed', 1)}
    ${task(AGAIN, 'draft', 'kasi', 'open', 2)}
    insert into notifications (id, agency_id, position_key, kind, task_id, case_id, data, done_at) values
      ('${N_FIRST}', '${AGENCY}', 'kasi', 'task.arrived', '${FIRST}', '${CASE}', '{"nodeId": "draft", "attempt": 1}', now()),
      ('${N_AGAIN}', '${AGENCY}', 'kasi', 'task.arrived', '${AGAIN}', '${CASE}',
        '{"nodeId": "draft", "attempt": 2, "sentBack": ${JSON.stringify(SENT_BACK)}}', null),
      ('${N_LATE}', '${AGENCY}', 'kabid', 'task.overdue', '${AGAIN}', '${CASE}', '{"nodeId": "draft"}', null);
    insert into notification_reads (notification_id, user_id) values
      ('${N_FIRST}', '${KASI}'), ('${N_LATE}', '${KABID}');
  `);
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
});
afterAll(async () => {
  await client.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('migration 0010 (a task is its own "arrived" notification)', () => {
  it('moves the "sent back" note onto the task, and the arrivals\' read marks to task_reads', async () => {
    const { rows: tasks } = await client.query<{ id: string; sent_back: unknown }>(
      'select id, sent_back from tasks order by id',
    );
    expect(tasks).toEqual([
      { id: FIRST, sent_back: null },
      { id: AGAIN, sent_back: SENT_BACK },
      { id: DECISION, sent_back: null },
    ]);
    const { rows: reads } = await client.query('select task_id, user_id from task_reads');
    expect(reads).toEqual([{ task_id: FIRST, user_id: KASI }]);
  });

  it('keeps every other notification and its read marks, and no arrived row', async () => {
    const { rows: left } = await client.query('select id, kind from notifications');
    expect(left).toEqual([{ id: N_LATE, kind: 'task.overdue' }]);
    const { rows: reads } = await client.query('select notification_id, user_id from notification_reads');
    expect(reads).toEqual([{ notification_id: N_LATE, user_id: KABID }]);
  });
});
