import { validateSop } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { listSeedSlugs, loadSeed } from '../../seeds/load-seeds.ts';
import { exploreEveryOutcome } from './testing/explore.ts';
import { findInvariantViolations } from './testing/invariants.ts';

// seeds/tsconfig.json sits beside the SOPs and is not one (reported to the seeds' owner).
const seeds = listSeedSlugs()
  .filter((slug) => slug !== 'tsconfig')
  .map((slug) => loadSeed(slug));

describe('engine › every seed SOP runs to its end', () => {
  it('there are seeds to walk', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(20);
  });

  it.each(seeds.map((s) => [s.slug, s.document] as const))(
    '%s: every step and both exits of every decision, parallel branches in either order',
    (_slug, doc) => {
      // The engine promises to run what validation accepts; a seed it refuses to publish is not ours to walk.
      expect(validateSop(doc).filter((i) => i.severity === 'error')).toEqual([]);
      const { walks, covered } = exploreEveryOutcome(doc, {
        onState: (s) => expect(findInvariantViolations(doc, s)).toEqual([]),
      });
      for (const w of walks) {
        expect(w.error, `walk tidak@[${w.tidakAt}] ${w.order}: ${w.error?.message.en}`).toBeNull();
        expect(w.state?.status).toBe('completed');
      }
      for (const n of doc.nodes) {
        if (n.type === 'activity') expect(covered).toContain(n.id);
        if (n.type === 'decision') {
          expect(covered).toContain(`${n.id}:ya`);
          expect(covered).toContain(`${n.id}:tidak`);
        }
      }
    },
  );
});
