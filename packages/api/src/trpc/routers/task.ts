import { tracked } from '@trpc/server';
import { z } from 'zod';
import type { AlurEvent } from '../../engine/core/types.ts';
import { listTaskColleagues } from '../../services/colleagues.ts';
import { getTask, listInbox } from '../../services/inbox.ts';
import { actOnTask } from '../../services/task-commands.ts';
import { authedProcedure, router } from '../trpc.ts';

const idempotencyKey = z.string().min(8).max(100).optional();
const taskRef = z.object({ taskId: z.uuid(), idempotencyKey });

export const taskRouter = router({
  inbox: authedProcedure
    .input(
      z
        .object({
          sopId: z.uuid().optional(),
          positionKey: z.string().max(64).optional(),
          overdue: z.boolean().optional(),
          dueToday: z
            .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
            .optional(),
          claimedByMe: z.boolean().optional(),
          limit: z.int().min(1).max(500).optional(),
          /** Offset of the page: the previous page's `nextCursor`. */
          cursor: z.int().min(0).max(1_000_000).nullish(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listInbox(ctx.db, ctx.user, input, ctx.deps.now())),
  get: authedProcedure
    .input(z.object({ taskId: z.uuid() }))
    .query(({ ctx, input }) => getTask(ctx.db, ctx.user, input.taskId, ctx.deps.now())),
  /** The colleagues a task may be handed to (`reassign`): other active holders of its position. */
  colleagues: authedProcedure
    .input(z.object({ taskId: z.uuid() }))
    .query(({ ctx, input }) => listTaskColleagues(ctx.db, ctx.user, input.taskId)),
  claim: authedProcedure
    .input(taskRef)
    .mutation(({ ctx, input }) => actOnTask(ctx.deps, ctx.user, input, { type: 'task.claim' })),
  release: authedProcedure
    .input(taskRef)
    .mutation(({ ctx, input }) => actOnTask(ctx.deps, ctx.user, input, { type: 'task.release' })),
  reassign: authedProcedure
    .input(taskRef.extend({ toUserId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      actOnTask(ctx.deps, ctx.user, input, { type: 'task.reassign', toUserId: input.toUserId }),
    ),
  complete: authedProcedure
    .input(
      taskRef.extend({
        outcome: z.enum(['ya', 'tidak']).optional(),
        note: z.string().max(5000).optional(),
        /** The step's form values by field key (see `task.get`'s `form`). */
        data: z.record(z.string().max(64), z.unknown()).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      actOnTask(ctx.deps, ctx.user, input, {
        type: 'task.complete',
        outcome: input.outcome,
        note: input.note,
        data: input.data,
      }),
    ),
  /**
   * Live inbox: emits whenever a task of one of the user's positions changes, in any server
   * process. Clients refetch `task.inbox` on each event (and on reconnect: NOTIFY has no replay).
   */
  onInboxChange: authedProcedure.subscription(async function* ({ ctx, signal }) {
    const queue: AlurEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.deps.bus.subscribe((event) => {
      if (event.agencyId !== ctx.user.agencyId) return;
      const mine =
        event.positionKeys.some((p) => ctx.user.positions.includes(p)) ||
        Boolean(event.userIds?.includes(ctx.user.id));
      if (!mine) return;
      queue.push(event);
      wake?.();
    });
    // One abort listener for the whole subscription (not one per wait: a long-lived stream would
    // pile them up until Node warns MaxListenersExceededWarning). Abort wakes the current wait.
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    let seq = 0;
    try {
      yield tracked(String(seq++), { type: 'ready' as const });
      while (!signal?.aborted) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
        const event = queue.shift();
        if (event) yield tracked(String(seq++), { type: event.type, caseId: event.caseId ?? null });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }),
});
