import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { exceedsJsonDepth } from './json-depth.ts';
import { DEFAULT_SERVER_LIMITS, readServerLimits } from './server-limits.ts';
import { createWorkLimiter } from './work-limiter.ts';

describe('createWorkLimiter', { timeout: 60_000 }, () => {
  it('runs `concurrency` jobs, lines up `queue` more in order, refuses the rest with SERVER_BUSY', async () => {
    const limiter = createWorkLimiter({ concurrency: 2, queue: 1 });
    const gates: (() => void)[] = [];
    const started: number[] = [];
    const job = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        gates.push(() => resolve(n));
      });
    const running = [1, 2, 3].map((n) => limiter.run(job(n)));
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(1);
    const refused = await limiter.run(job(4)).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: 'SERVICE_UNAVAILABLE', code: 'SERVER_BUSY' });
    expect(refused.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(started).toEqual([1, 2]);
    gates.shift()!();
    await running[0];
    // Job 1's slot went to job 3, the one in line.
    await expect.poll(() => started).toEqual([1, 2, 3]);
    for (const open of gates.splice(0)) open();
    expect(await Promise.all(running)).toEqual([1, 2, 3]);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a job fails', async () => {
    const limiter = createWorkLimiter({ concurrency: 1, queue: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'ok')).toBe('ok');
  });
});

describe('exceedsJsonDepth', { timeout: 60_000 }, () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(exceedsJsonDepth('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(exceedsJsonDepth(JSON.stringify({ s: '[[[[[[\\"[[[[' }), 1)).toBe(false);
  });
});

describe('readServerLimits', { timeout: 60_000 }, () => {
  it('reads ALUR_… variables in MB and refuses nonsense', () => {
    const limits = readServerLimits({
      ALUR_MAX_REQUEST_MB: '2',
      ALUR_ARCHIVE_MAX_MB: '10',
      ALUR_HEAVY_QUEUE: '0',
    });
    expect(limits.maxRequestBytes).toBe(2 * 1024 * 1024);
    expect(limits.archive.maxTotalBytes).toBe(10 * 1024 * 1024);
    expect(limits.heavyQueue).toBe(0);
    expect(readServerLimits({})).toEqual(DEFAULT_SERVER_LIMITS);
    expect(() => readServerLimits({ ALUR_MAX_DOCUMENT_MB: 'banyak' })).toThrow(/ALUR_MAX_DOCUMENT_MB/);
  });
});
