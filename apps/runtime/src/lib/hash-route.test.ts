import { describe, expect, it } from 'vitest';
import { formatHash, matchRoute, parseHash } from './hash-route.ts';

describe('hash routes', () => {
  it('reads the path and query of a hash', () => {
    const loc = parseHash('#/tasks?mine=1&sop=x');
    expect(loc.path).toBe('/tasks');
    expect(loc.query.get('mine')).toBe('1');
    expect(parseHash('').path).toBe('/');
    expect(parseHash('#cases').path).toBe('/cases');
  });

  it('formats what it reads', () => {
    expect(formatHash('/tasks', new URLSearchParams('mine=1'))).toBe('#/tasks?mine=1');
    expect(formatHash('/tasks', new URLSearchParams())).toBe('#/tasks');
  });

  it('matches parameters and rejects other shapes', () => {
    expect(matchRoute('/cases/:caseId', '/cases/a%20b')).toEqual({ caseId: 'a b' });
    expect(matchRoute('/cases/:caseId', '/cases')).toBeNull();
    expect(matchRoute('/cases/:caseId', '/tasks/1')).toBeNull();
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/cases/:id', '/cases/%E0%A4%A')).toBeNull();
  });
});
