import { describe, expect, it } from 'vitest';
import { canDesign, chooseLanding } from './landing.ts';

describe('chooseLanding', () => {
  it('sends whoever holds a position to the inbox, whatever else they may do', () => {
    expect(chooseLanding({ positions: ['kasi'], permissions: ['staff', 'admin'] })).toBe('/');
  });

  it('sends a user without a position where their work is', () => {
    expect(chooseLanding({ positions: [], permissions: ['admin', 'designer', 'leader'] })).toBe('/admin');
    expect(chooseLanding({ positions: [], permissions: ['designer'] })).toBe('designer');
    expect(chooseLanding({ positions: [], permissions: ['leader'] })).toBe('/evaluation');
    expect(chooseLanding({ positions: [], permissions: ['staff'] })).toBe('/');
  });

  it('offers the designer to designers and administrators only', () => {
    expect(canDesign({ permissions: ['designer'] })).toBe(true);
    expect(canDesign({ permissions: ['admin'] })).toBe(true);
    expect(canDesign({ permissions: ['staff', 'leader'] })).toBe(false);
  });
});
