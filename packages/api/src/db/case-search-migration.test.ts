import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationsUpTo } from '../testing/migrations-up-to.ts';

/*
 * Migration 0009 turns `cases.search` from a generated column into one kept by a trigger. A
 * database that already holds cases (migrated to 0008) must keep every case findable as before, and
 * the trigger must keep the column what the generated expression made it.
 */
const SEARCH_OF_ROW = `to_tsvector('simple', number || ' ' || title)
  || jsonb_to_tsvector('simple', data, '["string", "numeric"]')`;

let client: PGlite;
let folder: string;

async function searchOf(id: string): Promise<string> {
  const { rows } = await client.query<{ search: string }>('select search::text from cases where id = $1', [
    id,
  ]);
  return rows[0]!.search;
}

async function found(q: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `select id from cases where search @@ to_tsquery('simple', $1) order by number`,
    [q],
  );
  return rows.map((r) => r.id);
}

const AGENCY = '00000000-0000-4000-8000-000000000001';
const SOP = '00000000-0000-4000-8000-000000000002';
const VERSION = '00000000-0000-4000-8000-000000000003';
const USER = '00000000-0000-4000-8000-000000000004';
const OLD_CASE = '00000000-0000-4000-8000-0000000000a1';
const NEW_CASE = '00000000-0000-4000-8000-0000000000a2';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'alur-0009-'));
  client = new PGlite();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: migrationsUpTo(folder, '0008_letters') });
  await client.exec(`
    insert into agencies (id, slug, name) values ('${AGENCY}', 'a', 'A');
    insert into sops (id, agency_id, name, draft) values ('${SOP}', '${AGENCY}', 'SOP', '{}');
    insert into sop_versions (id, sop_id, agency_id, number, document, checksum, signer, effective_date,
      published_by)
      values ('${VERSION}', '${SOP}', '${AGENCY}', 1, '{}', 'x', '{}', '2026-01-01', '${USER}');
    insert into cases (id, agency_id, sop_id, version_id, number, title, status, engine_state, started_by,
      started_at, data)
      values ('${OLD_CASE}', '${AGENCY}', '${SOP}', '${VERSION}', '2026/000001', 'Permohonan Sari', 'active',
        '{}', '${USER}', now(), '{"nik": "3328094501900003", "alamat": "Jl. Melati 3", "penghasilan": 1250000}');
  `);
});
afterAll(async () => {
  await client.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('migration 0009 (cases.search kept by a trigger)', () => {
  it('keeps the values of cases written before it, and they are found as before', async () => {
    const before = await searchOf(OLD_CASE);
    expect(before).toContain("'3328094501900003'");
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    expect(await searchOf(OLD_CASE)).toBe(before);
    expect(await found('melati')).toEqual([OLD_CASE]);
    expect(await found('1250000')).toEqual([OLD_CASE]);
    // The GIN index is kept (two rows: the planner would scan the table unless told not to).
    await client.exec('set enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain select id from cases where search @@ to_tsquery('simple', 'melati')`,
    );
    await client.exec('reset enable_seqscan');
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('cases_search');
  });

  it('computes the same tsvector for a new case and recomputes it only when number, title or data change', async () => {
    await client.query(
      `insert into cases (id, agency_id, sop_id, version_id, number, title, status, engine_state, started_by,
        started_at, data)
       values ($1, $2, $3, $4, '2026/000002', 'Permohonan Budi', 'active', '{}', $5, now(), '{"nama": "Budi"}')`,
      [NEW_CASE, AGENCY, SOP, VERSION, USER],
    );
    const agree = async () =>
      (await client.query<{ same: boolean }>(`select bool_and(search = ${SEARCH_OF_ROW}) as same from cases`))
        .rows[0]!.same;
    expect(await agree()).toBe(true);
    expect(await found('budi')).toEqual([NEW_CASE]);

    await client.query(`update cases set data = data || '{"alamat": "Jl. Mawar 9"}' where id = $1`, [
      NEW_CASE,
    ]);
    await client.query(`update cases set title = 'Permohonan Joko' where id = $1`, [OLD_CASE]);
    expect(await found('mawar')).toEqual([NEW_CASE]);
    expect(await found('joko')).toEqual([OLD_CASE]);
    expect(await found('sari')).toEqual([]);
    // An update that changes none of them (every task command's) leaves the column as it is…
    await client.query(`update cases set status = 'completed', data = data where id = $1`, [NEW_CASE]);
    expect(await found('mawar')).toEqual([NEW_CASE]);
    // …and nobody can write it to something else.
    await client.query(`update cases set search = to_tsvector('simple', 'palsu') where id = $1`, [NEW_CASE]);
    expect(await found('palsu')).toEqual([]);
    expect(await agree()).toBe(true);
  });
});
