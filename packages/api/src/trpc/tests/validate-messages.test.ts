import type { SopDocument } from '@alur/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSeedSlugs, loadSeed } from '../../seeds/load-seeds.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// seeds/tsconfig.json sits beside the SOPs and is not one.
const seeds = listSeedSlugs()
  .filter((slug) => slug !== 'tsconfig')
  .map((slug) => loadSeed(slug));

/**
 * The seed with node ids as the designer makes them ("activity-e7caf694b8"): the seeds' own ids
 * ("start", "r3") are ordinary words a message may rightly contain.
 */
function withDesignerIds(seed: SopDocument): SopDocument {
  const doc = structuredClone(seed);
  const rename = new Map(doc.nodes.map((n, i) => [n.id, `${n.type}-${(0xe7caf694 + i).toString(16)}b8`]));
  const to = (id: string) => rename.get(id) ?? id;
  doc.nodes = doc.nodes.map((n) => ({ ...n, id: to(n.id) }));
  doc.edges = doc.edges.map((e) => ({ ...e, source: to(e.source), target: to(e.target) }));
  doc.rowOrder = doc.rowOrder.map(to);
  return doc;
}

/** Ways a designer leaves a seed half-drawn: each breaks a different rule family. */
const breakages: [string, (d: SopDocument) => void][] = [
  [
    'every arrow removed',
    (d) => {
      d.edges = [];
    },
  ],
  [
    'every Kegiatan emptied',
    (d) => {
      for (const n of d.nodes) n.kegiatan = '';
    },
  ],
  [
    'lanes unbound and unnamed',
    (d) => {
      d.lanes = d.lanes.map((l) => ({ id: l.id, name: '', kind: 'unbound' }));
    },
  ],
  [
    'start removed and nodes moved to a missing lane',
    (d) => {
      d.nodes = d.nodes
        .filter((n) => n.type !== 'start')
        .map((n, i) => (i % 2 ? { ...n, laneId: 'hilang' } : n));
    },
  ],
  [
    'a step pasted twice with the same id',
    (d) => {
      d.nodes.push({ ...d.nodes.find((n) => n.type === 'activity')!, kegiatan: '' });
    },
  ],
];

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([]);
});
afterAll(() => app?.close());

describe('sop.validate › messages name steps by row and text, never by id', () => {
  it.each(seeds.map((s) => [s.slug, s.document] as const))('%s', async (_slug, seed) => {
    const designer = await app.as('admin');
    for (const [what, breakIt] of breakages) {
      const doc = withDesignerIds(seed);
      breakIt(doc);
      const { issues, schemaIssues } = await designer.sop.validate({ document: doc });
      expect(schemaIssues, what).toEqual([]);
      expect(issues.length, what).toBeGreaterThan(0);
      const ids = doc.nodes.map((n) => n.id);
      for (const issue of issues) {
        for (const id of ids) {
          expect(issue.message.id, `${what}: ${issue.code}`).not.toContain(id);
          expect(issue.message.en, `${what}: ${issue.code}`).not.toContain(id);
        }
        // The id is still there for the designer to select the element.
        if (issue.element.kind === 'node') expect(ids).toContain(issue.element.id);
      }
    }
  });

  it('names a step by its printed row number and its Kegiatan', async () => {
    const doc = withDesignerIds(seeds.find((s) => s.slug === 'tegal-bpnt')!.document);
    const third = doc.rowOrder[2]!;
    doc.edges = doc.edges.filter((e) => e.source !== third);
    const { issues } = await (await app.as('admin')).sop.validate({ document: doc });
    const hit = issues.find((i) => i.element.id === third && i.code === 'STEP_EXITS');
    expect(hit?.message.id).toMatch(/^Langkah 3 «[^»]+»: belum punya panah keluar\.$/);
    expect(hit?.subject?.id).toMatch(/^Langkah 3 «/);
  });
});
