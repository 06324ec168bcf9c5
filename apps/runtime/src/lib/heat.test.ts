import { describe, expect, it } from 'vitest';
import { heatOf } from './heat.ts';

describe('heatOf', () => {
  it('colours by on-time share at 90 % and 70 %', () => {
    expect(heatOf(1)).toBe('good');
    expect(heatOf(0.9)).toBe('good');
    expect(heatOf(0.899)).toBe('fair');
    expect(heatOf(0.7)).toBe('fair');
    expect(heatOf(0.69)).toBe('poor');
    expect(heatOf(0)).toBe('poor');
  });
  it('says nothing for a step without measured work', () => {
    expect(heatOf(null)).toBe('none');
    expect(heatOf(undefined)).toBe('none');
  });
});
