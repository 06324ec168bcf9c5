import { describe, expect, it } from 'vitest';
import { at, WIB, wall } from './test-fixtures.ts';
import { addWorkingDays, subtractWorkingDays } from './working-days.ts';

const add = (text: string, n: number) => wall(WIB, addWorkingDays(at(WIB, text), n, WIB));
const sub = (text: string, n: number) => wall(WIB, subtractWorkingDays(at(WIB, text), n, WIB));

describe('addWorkingDays', () => {
  it('keeps the wall-clock time n working days later', () => {
    expect(add('2026-01-13 10:00', 2)).toBe('2026-01-15 10:00 Thu');
    expect(add('2026-01-09 10:00', 1)).toBe('2026-01-12 10:00 Mon');
  });

  it("skips holidays (Isra Mi'raj, Friday 16 January 2026)", () => {
    expect(add('2026-01-15 10:00', 1)).toBe('2026-01-19 10:00 Mon');
  });

  it('clamps to closing time when the target day closes earlier (Thursday 14:00 → Friday 11:30)', () => {
    expect(add('2026-01-08 14:00', 1)).toBe('2026-01-09 11:30 Fri');
    expect(add('2026-01-08 14:00', 2)).toBe('2026-01-12 14:00 Mon');
  });

  it('starts a step reached outside hours at the next working moment', () => {
    expect(add('2026-01-10 09:00', 1)).toBe('2026-01-13 07:30 Tue');
    expect(add('2026-01-12 06:00', 0)).toBe('2026-01-12 07:30 Mon');
  });

  it('takes a fraction of the working time to the next whole day (1,5 hari = +255 minutes)', () => {
    expect(add('2026-01-12 10:00', 1.5)).toBe('2026-01-13 14:15 Tue');
  });

  it('subtracts for negative n', () => {
    expect(add('2026-01-12 10:00', -1)).toBe('2026-01-09 10:00 Fri');
  });
});

describe('subtractWorkingDays', () => {
  it('mirrors addWorkingDays', () => {
    expect(sub('2026-01-12 10:00', 1)).toBe('2026-01-09 10:00 Fri');
    expect(sub('2026-01-19 10:00', 1)).toBe('2026-01-15 10:00 Thu');
    expect(sub('2026-01-12 14:00', 1)).toBe('2026-01-09 11:30 Fri');
  });

  it('starts from the previous closing time when the office is shut', () => {
    expect(sub('2026-01-10 09:00', 1)).toBe('2026-01-08 11:30 Thu');
    expect(sub('2026-01-12 06:00', 0)).toBe('2026-01-09 11:30 Fri');
  });

  it('gives the start back from a clamped Friday closing time only up to the clamp', () => {
    expect(sub('2026-01-09 11:30', 1)).toBe('2026-01-08 11:30 Thu');
  });
});
