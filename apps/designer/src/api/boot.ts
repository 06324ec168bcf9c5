import type { AppRouter } from '@alur/api/router';
import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

/** What index.html's boot script (boot-html.ts) left: the first batch, asked for before any code ran. */
interface Boot {
  paths: string[];
  inputs: Record<number, unknown>;
  response: Promise<unknown>;
}

declare global {
  interface Window {
    __alurBoot?: Boot;
  }
}

/**
 * Answers the app's first calls from the boot batch: a query whose path and input are the ones
 * the boot script asked for gets that answer, once. Anything else, an answer that is an error, or
 * a batch that failed goes to the server as usual (so errors are reported the usual way).
 */
export function bootLink(boot: Boot | undefined = globalThis.window?.__alurBoot): TRPCLink<AppRouter> {
  const unused = new Set(boot?.paths.keys());
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const index = boot && op.type === 'query' ? boot.paths.indexOf(op.path) : -1;
        if (
          !boot ||
          index < 0 ||
          !unused.has(index) ||
          JSON.stringify(op.input ?? null) !== JSON.stringify(boot.inputs[index] ?? null)
        )
          return next(op).subscribe(observer);
        unused.delete(index);
        let forwarded: { unsubscribe(): void } | null = null;
        let closed = false;
        void boot.response.then((batch) => {
          if (closed) return;
          const item = Array.isArray(batch) ? (batch[index] as { result?: { data?: unknown } }) : null;
          if (item?.result && 'data' in item.result) {
            observer.next({ result: { type: 'data', data: item.result.data } });
            observer.complete();
          } else forwarded = next(op).subscribe(observer);
        });
        return () => {
          closed = true;
          forwarded?.unsubscribe();
        };
      });
}
