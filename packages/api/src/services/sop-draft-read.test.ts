import { SCHEMA_VERSION } from '@alur/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

const doc = buildDoc({
  lanes: { l: 'position:kasi' },
  nodes: { s: 'start@l', a: 'activity@l 1 jam', e: 'end@l' },
  flows: ['s > a > e'],
});

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

/** Stores `draft` as the SOP's draft behind the API's back, as an older Alur or a hand edit would. */
async function storeDraft(sopId: string, draft: unknown) {
  await app.deps.database.query(
    sql`update sops set draft = ${JSON.stringify(draft)}::jsonb where id = ${sopId}`,
  );
}

describe('sop.get sends the stored draft', () => {
  it('as saved, when it is at this schema version', async () => {
    const perancang = await app.as('perancang');
    const { sopId } = await perancang.sop.create({ name: 'Cuti', document: doc });
    const got = await perancang.sop.get({ sopId });
    expect(got.document.schemaVersion).toBe(SCHEMA_VERSION);
    expect(got.document.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
  });

  it('migrated, when it was stored at an older schema version', async () => {
    const perancang = await app.as('perancang');
    const { sopId } = await perancang.sop.create({ name: 'Lama', document: doc });
    const { dataFields: _d, ...rest } = doc;
    await storeDraft(sopId, { ...rest, schemaVersion: 1, nodes: doc.nodes.map(({ fields: _f, ...n }) => n) });
    const got = await perancang.sop.get({ sopId });
    expect(got.document.schemaVersion).toBe(SCHEMA_VERSION);
    expect(got.document.dataFields).toEqual([]);
    expect(got.document.nodes.every((n) => Array.isArray(n.fields))).toBe(true);
  });

  it('refused, when it is not a document at all', async () => {
    const perancang = await app.as('perancang');
    const { sopId } = await perancang.sop.create({ name: 'Rusak', document: doc });
    await storeDraft(sopId, { schemaVersion: SCHEMA_VERSION, nodes: 'none' });
    await expect(perancang.sop.get({ sopId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
