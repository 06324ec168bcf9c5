import { describe, expect, it } from 'vitest';
import { createSubmitKeys } from './submit-key.ts';

describe('createSubmitKeys', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('reuses the key for a repeated submission (double click, retry)', () => {
    const keys = createSubmitKeys(counter());
    expect(keys.keyFor('ya|')).toBe('key-1');
    expect(keys.keyFor('ya|')).toBe('key-1');
  });

  it('makes a new key when the submission changes', () => {
    const keys = createSubmitKeys(counter());
    keys.keyFor('ya|');
    expect(keys.keyFor('tidak|')).toBe('key-2');
  });

  it('makes a new key after a success', () => {
    const keys = createSubmitKeys(counter());
    keys.keyFor('ya|');
    keys.settle();
    expect(keys.keyFor('ya|')).toBe('key-2');
  });
});
