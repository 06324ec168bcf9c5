import { AppError } from '../errors.ts';

/** Runs heavy jobs a few at a time; beyond the queue it refuses with 503 and a Retry-After. */
export interface WorkLimiter {
  /** Runs `job` when a slot is free (waiting in line if needed); throws `SERVER_BUSY` when the line is full. */
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

/** The code of the 503 answer; `details.retryAfterSeconds` goes into the `Retry-After` header. */
export const SERVER_BUSY = 'SERVER_BUSY';

/**
 * A semaphore with a bounded FIFO line: `concurrency` jobs run, `queue` more wait, the rest are
 * refused at once (so a burst slows down instead of piling up memory). The suggested wait is the
 * average job time times the line ahead, between 1 and 60 seconds.
 */
export function createWorkLimiter(options: { concurrency: number; queue: number }): WorkLimiter {
  let active = 0;
  const line: (() => void)[] = [];
  let averageMs = 1000;

  const release = () => {
    active--;
    const next = line.shift();
    if (next) {
      active++;
      next();
    }
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return line.length;
    },
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active >= options.concurrency) {
        if (line.length >= options.queue) {
          const ahead = (active + line.length) / options.concurrency;
          const retryAfterSeconds = Math.min(60, Math.max(1, Math.ceil((averageMs * ahead) / 1000)));
          throw new AppError(
            'SERVICE_UNAVAILABLE',
            SERVER_BUSY,
            {
              id: `Server sedang sibuk mengerjakan ${active} pekerjaan berat dengan ${line.length} antrean; coba lagi dalam ${retryAfterSeconds} detik.`,
              en: `The server is busy with ${active} heavy jobs and ${line.length} waiting; try again in ${retryAfterSeconds} seconds.`,
            },
            { retryAfterSeconds },
          );
        }
        await new Promise<void>((resolve) => line.push(resolve));
      } else active++;
      const started = performance.now();
      try {
        return await job();
      } finally {
        averageMs = averageMs * 0.8 + (performance.now() - started) * 0.2;
        release();
      }
    },
  };
}
