import { validateSop } from '@alur/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOpenTasks } from './case-state.ts';
import { decide } from './decide.ts';
import { sopDocumentArb } from './testing/arbitrary-sop.ts';
import { exploreEveryOutcome } from './testing/explore.ts';
import { admin, createTestContext } from './testing/harness.ts';
import { findInvariantViolations, findUnannouncedChanges } from './testing/invariants.ts';
import { boundedTidak, walkCase } from './testing/walk.ts';
import type { Actor, CaseState, EngineCommand } from './types.ts';

/*
 * Generated documents are sequences of blocks (see testing/arbitrary-sop.ts), e.g.
 *
 *   (s) ─▶ [a1] ─▶ <F> ─┬─▶ [a3] ─▶ <d4> ─ya─▶ <J> ─▶ <d5> ─ya─▶ (x)
 *                       │     ▲──tidak──┘      ▲      └─tidak─▶ (x)
 *                       └─▶ [a6] ──────────────┘
 */

const users: Actor[] = [
  { userId: 'ani', positions: ['staf'] },
  { userId: 'budi', positions: ['kasi'] },
  { userId: 'citra', positions: ['staf', 'kasi'] },
  admin,
];

/** An abstract command: which task (by index over all tasks, so finished ones too), who, what. */
const stepArb = fc.record({
  op: fc.constantFrom('complete', 'complete', 'complete', 'claim', 'release', 'reassign', 'cancel'),
  task: fc.nat(),
  user: fc.nat({ max: users.length - 1 }),
  outcome: fc.constantFrom('ya', 'tidak', undefined),
});

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function toCommand(state: CaseState, step: Step): EngineCommand | null {
  const actor = users[step.user]!;
  if (step.op === 'cancel')
    return step.task % 20 === 0 ? { type: 'case.cancel', actor, reason: 'acak' } : null;
  const task = state.tasks[step.task % state.tasks.length];
  if (!task) return null;
  switch (step.op) {
    case 'complete':
      return {
        type: 'task.complete',
        actor,
        taskId: task.id,
        ...(step.outcome ? { outcome: step.outcome } : {}),
      };
    case 'claim':
      return { type: 'task.claim', actor, taskId: task.id };
    case 'release':
      return { type: 'task.release', actor, taskId: task.id };
    default:
      return {
        type: 'task.reassign',
        actor,
        taskId: task.id,
        toUserId: users[(step.user + 1) % users.length]!.userId,
      };
  }
}

describe('decide › properties over generated SOPs', () => {
  it('the generator only makes documents that validation accepts', () => {
    fc.assert(
      fc.property(sopDocumentArb, (doc) => {
        expect(validateSop(doc).filter((i) => i.severity === 'error')).toEqual([]);
      }),
    );
  });

  it('random command sequences keep every invariant and never change their input', () => {
    fc.assert(
      fc.property(sopDocumentArb, fc.array(stepArb, { maxLength: 60 }), (doc, steps) => {
        const ctx = createTestContext();
        const started = decide(null, { type: 'case.start', actor: users[0]!, title: 't' }, doc, ctx);
        if (!started.ok) throw new Error(started.error.message.en);
        let state = started.next;
        expect(findInvariantViolations(doc, state)).toEqual([]);
        for (const step of steps) {
          const command = toCommand(state, step);
          if (!command) continue;
          const before = structuredClone(state);
          const result = decide(state, command, doc, ctx);
          expect(state).toEqual(before);
          if (!result.ok) {
            // Refusals are the user's mistakes on a valid document, never the document's fault.
            expect(result.error.code).not.toBe('DOCUMENT_INVALID');
            expect(result.error.message.id).not.toBe('');
            continue;
          }
          expect(findUnannouncedChanges(state, result.next, result.effects)).toEqual([]);
          state = result.next;
          expect(findInvariantViolations(doc, state)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('working the open tasks in any order, with at most 2 "tidak" per decision, always finishes', () => {
    fc.assert(
      fc.property(
        sopDocumentArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.nat({ max: 2 }),
        (doc, picks, limit) => {
          const walk = walkCase(
            doc,
            { pickTask: (_n, step) => picks[step % picks.length]!, decideOutcome: boundedTidak(limit) },
            { maxSteps: 2000, onState: (s) => expect(findInvariantViolations(doc, s)).toEqual([]) },
          );
          expect(walk.error).toBeNull();
          expect(walk.state?.status).toBe('completed');
          expect(findOpenTasks(walk.state!)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('decide › exploring every outcome of generated SOPs', () => {
  it('reaches every step and both exits of every decision, and every walk finishes', () => {
    fc.assert(
      fc.property(sopDocumentArb, (doc) => {
        const { walks, covered } = exploreEveryOutcome(doc);
        for (const w of walks) {
          expect(w.error).toBeNull();
          expect(w.state?.status).toBe('completed');
        }
        for (const n of doc.nodes) {
          if (n.type === 'activity') expect(covered).toContain(n.id);
          if (n.type === 'decision') {
            expect(covered).toContain(`${n.id}:ya`);
            expect(covered).toContain(`${n.id}:tidak`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
