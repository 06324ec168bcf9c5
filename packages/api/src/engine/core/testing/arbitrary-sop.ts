import type { SopDocument } from '@alur/schema';
import fc from 'fast-check';
import { buildDoc } from './build-doc.ts';

/** The abstract shape of a generated SOP: sequences of steps, decisions and parallel blocks. */
export type Block =
  | { kind: 'activity'; lane: number }
  | { kind: 'decision'; lane: number; tidak: 'loop' | 'end' }
  | { kind: 'fork'; branches: Block[][] };

/** Lanes of generated documents: two positions and an outside party recorded by staf. */
export const GENERATED_LANES = ['staf', 'kasi', 'masyarakat'] as const;
const laneArb = fc.integer({ min: 0, max: GENERATED_LANES.length - 1 });

function blockArb(depth: number, topLevel: boolean): fc.Arbitrary<Block> {
  const activity = fc.record({ kind: fc.constant('activity' as const), lane: laneArb });
  // "tidak" ends the case (a rejection) only outside parallel branches, where validation allows it.
  const decision = fc.record({
    kind: fc.constant('decision' as const),
    lane: laneArb,
    tidak: topLevel ? fc.constantFrom('loop' as const, 'end' as const) : fc.constant('loop' as const),
  });
  if (depth <= 0) return fc.oneof(activity, decision);
  const fork = fc.record({
    kind: fc.constant('fork' as const),
    branches: fc.array(sequenceArb(depth - 1, false), { minLength: 2, maxLength: 3 }),
  });
  return fc.oneof(
    { arbitrary: activity, weight: 3 },
    { arbitrary: decision, weight: 2 },
    { arbitrary: fork, weight: 1 },
  );
}

function sequenceArb(depth: number, topLevel: boolean): fc.Arbitrary<Block[]> {
  return fc.array(blockArb(depth, topLevel), { minLength: 1, maxLength: 3 });
}

/** Valid SOP documents with loops, rejections and (nested) parallel blocks. */
export const sopDocumentArb: fc.Arbitrary<SopDocument> = sequenceArb(2, true).map(compileSop);

/**
 * Turns a block tree into a document: start → blocks → end; a decision's "tidak" loops to the first
 * node of its own sequence (so it stays inside its branch) or goes to the end.
 */
export function compileSop(blocks: Block[]): SopDocument {
  const nodes: Record<string, string> = { s: 'start@staf', x: 'end@staf' };
  const flows: string[] = [];
  let counter = 0;
  const add = (type: string, lane: number) => {
    const id = `${type[0]}${++counter}`;
    nodes[id] = `${type}@${GENERATED_LANES[lane]}`;
    return id;
  };
  // Returns the entry node and the dangling exits ("id" or "id:ya") to join to what follows.
  const compileSequence = (given: Block[]): { entry: string; exits: string[] } => {
    // Validation gives a fork exactly one incoming arrow, so a loop needs a step to return to.
    const loops = given.some((b) => b.kind === 'decision' && b.tidak === 'loop');
    const seq: Block[] =
      loops && given[0]?.kind === 'fork' ? [{ kind: 'activity', lane: 0 }, ...given] : given;
    let entry = '';
    let exits: string[] = [];
    const connect = (target: string) => {
      for (const from of exits) flows.push(`${from} > ${target}`);
      if (!entry) entry = target;
    };
    const pendingLoops: string[] = [];
    for (const block of seq) {
      if (block.kind === 'fork') {
        const f = add('fork', 0);
        const j = add('join', 0);
        connect(f);
        for (const branch of block.branches) {
          const inner = compileSequence(branch);
          flows.push(`${f} > ${inner.entry}`);
          for (const from of inner.exits) flows.push(`${from} > ${j}`);
        }
        exits = [j];
      } else if (block.kind === 'activity') {
        const a = add('activity', block.lane);
        connect(a);
        exits = [a];
      } else {
        const d = add('decision', block.lane);
        connect(d);
        if (block.tidak === 'end') flows.push(`${d}:tidak > x`);
        else pendingLoops.push(`${d}:tidak`);
        exits = [`${d}:ya`];
      }
    }
    for (const from of pendingLoops) flows.push(`${from} > ${entry}`);
    return { entry, exits };
  };
  const body = compileSequence(blocks);
  flows.push(`s > ${body.entry}`);
  for (const from of body.exits) flows.push(`${from} > x`);
  return buildDoc({
    lanes: { staf: 'position:staf', kasi: 'position:kasi', masyarakat: 'external:staf' },
    nodes,
    flows,
  });
}
