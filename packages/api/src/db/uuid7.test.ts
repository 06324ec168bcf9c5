import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid7.ts';

describe('uuidv7', () => {
  it('is a version 7 UUID whose first 48 bits are the milliseconds, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 11, 2, 3, 4, 5, 678);
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    const ids = Array.from({ length: 200 }, (_, i) => uuidv7(at + i * 1000));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
