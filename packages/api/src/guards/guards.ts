import type { AppDeps } from '../deps.ts';
import { readServerLimits, type ServerLimits } from './server-limits.ts';
import { createWorkLimiter, type WorkLimiter } from './work-limiter.ts';

/** The limits of one process and the line its heavy jobs wait in. */
export interface Guards {
  limits: ServerLimits;
  heavyWork: WorkLimiter;
}

/** Guards for the given limits (tests pass small ones). */
export function createGuards(limits: ServerLimits): Guards {
  return {
    limits,
    heavyWork: createWorkLimiter({ concurrency: limits.heavyConcurrency, queue: limits.heavyQueue }),
  };
}

let processGuards: Guards | undefined;

/** The app's guards, or this process's (from the environment, made once) when none were given. */
export function guardsOf(deps: Pick<AppDeps, 'guards'>): Guards {
  if (deps.guards) return deps.guards;
  processGuards ??= createGuards(readServerLimits());
  return processGuards;
}

/** Runs a heavy job (import, PDF/DOCX rendering, letters, evaluation exports) through the process's line. */
export function runHeavy<T>(deps: Pick<AppDeps, 'guards'>, job: () => Promise<T>): Promise<T> {
  return guardsOf(deps).heavyWork.run(job);
}
