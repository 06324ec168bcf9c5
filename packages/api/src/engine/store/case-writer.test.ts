import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, cases, notifications, tasks } from '../../db/schema.ts';
import { CASE_WRITE_SQL, caseWriteStatement } from './case-writer.ts';
import { compileNamed } from './columns.ts';

/*
 * The case writer is hand-written SQL; these checks fail when it and db/schema.ts drift apart: a
 * column renamed or dropped in the schema, or a required column added that the writer never fills.
 */
const TABLES = new Map<string, Table>(
  [cases, tasks, notifications, auditEvents].map((t) => [getTableName(t), t]),
);
const columnNames = (table: Table) => Object.values(getTableColumns(table)).map((c) => c.name);

/** `insert into t (a, b)` → [t, [a, b]] for every insert of the statement. */
function insertsOf(text: string): [string, string[]][] {
  return [...text.matchAll(/insert into (\w+) \(([^)]*)\)/g)].map((m) => [
    m[1]!,
    m[2]!.split(',').map((c) => c.trim()),
  ]);
}

/** `update t x set a = …, b = … from` → [t, [a, b]] for every update of the statement. */
function updatesOf(text: string): [string, string[]][] {
  return [...text.matchAll(/update (\w+) \w+ set([\s\S]*?)\n\s*from /g)].map((m) => [
    m[1]!,
    [...m[2]!.matchAll(/(?:^|,)\s*(\w+) =/g)].map((c) => c[1]!),
  ]);
}

/** A command on an existing case, for the statement's shape: ids need not be real here. */
const base = {
  caseId: 'c',
  agencyId: 'a',
  sopId: 's',
  actorId: 'u',
  at: '2026-12-01T00:00:00.000Z',
  newCase: null,
  newTasks: [],
  audits: [],
};
const update = {
  id: 't',
  previous: 'open' as const,
  status: 'completed' as const,
  positionKey: 'kasi',
  claimedBy: 'u',
  completedAt: base.at,
  completedBy: 'u',
  outcome: null,
  note: null,
  workingMinutes: 3,
};
const active = { status: 'active' as const, engineState: {}, versionId: null, data: null, revision: null };

describe('the case writer and the schema', () => {
  it('inserts only columns the schema has, and every required column without a default', () => {
    const inserts = insertsOf(CASE_WRITE_SQL);
    expect(inserts.map(([t]) => t).sort()).toEqual(['audit_events', 'cases', 'notifications', 'tasks']);
    for (const [name, columns] of inserts) {
      const table = TABLES.get(name)!;
      expect(columnNames(table)).toEqual(expect.arrayContaining(columns));
      const required = Object.values(getTableColumns(table))
        .filter((c) => c.notNull && !c.hasDefault)
        .map((c) => c.name);
      expect(columns, `insert into ${name}`).toEqual(expect.arrayContaining(required));
    }
  });

  it('updates only columns the schema has', () => {
    const updates = updatesOf(CASE_WRITE_SQL);
    expect(updates.map(([t]) => t)).toEqual(['cases', 'tasks']);
    for (const [name, columns] of updates) {
      expect(columns.length).toBeGreaterThan(3);
      expect(columnNames(TABLES.get(name)!)).toEqual(expect.arrayContaining(columns));
    }
  });

  it('reads its row sets with the column types of the schema', () => {
    // `(values ($1::text::uuid, $2::text::text …)[, (…)]) as x(id, status …)`: the first row's casts
    // against the names the list gives its columns.
    const lists = [...CASE_WRITE_SQL.matchAll(/\(values \(([^)]*)\)[\s\S]*?\) as \w+\(([^)]*)\)/g)];
    expect(lists).toHaveLength(5);
    for (const m of lists) {
      const types = m[1]!.split(', ').map((cell) => /::text::(.+)$/.exec(cell)?.[1] ?? 'ordinal');
      const names = m[2]!.split(', ');
      expect(names).toHaveLength(types.length);
      names.forEach((column, i) => {
        // Not columns of a table: a task's status as read, the actor flag, the events' order.
        if (['previous', 'by_actor', 'n'].includes(column)) return;
        const found = [...TABLES.values()]
          .flatMap((t) => Object.values(getTableColumns(t)))
          .filter((c) => c.name === column);
        expect(
          found.map((c) => c.getSQLType()),
          `${column} ${types[i]}`,
        ).toContain(types[i]);
      });
    }
  });

  it('binds named parameters, and refuses a statement with one missing', () => {
    const s = compileNamed<{ a: number; b: number }>('select $a::int + $b::int, $a::int, $1');
    expect(s.text).toBe('select $1::int + $2::int, $1::int, $1');
    expect(s.bind({ a: 1, b: 2 })).toEqual([1, 2]);
    expect(() => s.bind({ a: 1 } as { a: number; b: number })).toThrow(/parameter b missing/);
  });

  it('expects one changed row per guarded update and for the case row', () => {
    const caseUpdate = active;
    const expected = (s: ReturnType<typeof caseWriteStatement>) => s.params.at(-1);
    expect(expected(caseWriteStatement({ ...base, caseUpdate, taskUpdates: [update, update] }))).toBe(3);
    expect(expected(caseWriteStatement({ ...base, caseUpdate: null, taskUpdates: [] }))).toBe(0);
  });
});

describe('the statement written for the shape of the changes', () => {
  it('leaves out what a completion does not do, and tells the planner how many rows come', () => {
    const { text } = caseWriteStatement({ ...base, caseUpdate: active, taskUpdates: [update, update] });
    expect(text).not.toMatch(/insert into cases/);
    expect(text).not.toMatch(/case\.completed/);
    expect(text).not.toMatch(/insert into tasks/);
    expect(text).toMatch(/update tasks t set/);
    // Two task updates: a VALUES list of two rows, read where it is used (no CTE to materialize).
    expect(text).toMatch(/from \(values \([^)]*\), \([^)]*\)\) as x\(id, status/);
    expect(text).not.toMatch(/task_updates|jsonb_to_recordset/);
  });

  it('sets only the case columns the command changes (no trigger on data for a plain completion)', () => {
    const setOf = (s: { text: string }) => updatesOf(s.text).find(([t]) => t === 'cases')![1];
    // A completion that moves the case on: no version change, no case file patch, still active.
    const plain = caseWriteStatement({ ...base, caseUpdate: active, taskUpdates: [update] });
    expect(setOf(plain)).toEqual(['status', 'engine_state', 'revision']);
    expect(plain.text).not.toMatch(/version_id|c\.data|x\.data/);
    const patched = caseWriteStatement({
      ...base,
      caseUpdate: { ...active, data: { nama: 'A' } },
      taskUpdates: [],
    });
    expect(setOf(patched)).toEqual(['status', 'engine_state', 'data', 'revision']);
    const migrated = caseWriteStatement({
      ...base,
      caseUpdate: { ...active, versionId: 'v2' },
      taskUpdates: [],
    });
    expect(setOf(migrated)).toEqual(['status', 'engine_state', 'version_id', 'revision']);
    expect(migrated.params).toContain('v2');
    const ending = caseWriteStatement({
      ...base,
      caseUpdate: { ...active, status: 'completed' },
      taskUpdates: [],
    });
    expect(setOf(ending)).toEqual(['status', 'engine_state', 'completed_at', 'revision']);
  });

  it('tells the starter only when the case ends', () => {
    const ending = caseWriteStatement({
      ...base,
      caseUpdate: { ...active, status: 'completed' },
      taskUpdates: [update],
    });
    expect(ending.text).toMatch(/case\.completed/);
    const going = caseWriteStatement({ ...base, caseUpdate: active, taskUpdates: [update] });
    expect(going.text).not.toMatch(/case\.completed/);
  });

  it('sends only the parameters its text uses, and the same text for the same shape', () => {
    const a = caseWriteStatement({ ...base, caseUpdate: active, taskUpdates: [update] });
    const b = caseWriteStatement({
      ...base,
      actorId: 'v',
      caseUpdate: active,
      taskUpdates: [{ ...update, id: 'x' }],
    });
    expect(b.text).toBe(a.text);
    const used = new Set([...a.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(a.params).toHaveLength(used.size);
    expect(a.params).not.toContain('[]');
  });
});
