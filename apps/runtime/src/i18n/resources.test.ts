import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { id } from './id.ts';

type Tree = { [key: string]: string | Tree };

function listEntries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : listEntries(v, `${prefix}${k}.`),
  );
}

const listKeys = (tree: Tree) => listEntries(tree).map(([k]) => k);

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return listSourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n resources', () => {
  const idKeys = new Set(listKeys(id as Tree));

  it('has the same keys in English as in Indonesian', () => {
    expect(listKeys(en as Tree).sort()).toEqual([...idKeys].sort());
  });

  it('has no empty text', () => {
    for (const tree of [id, en]) {
      for (const [key, value] of listEntries(tree as Tree)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('defines every literal key the screens ask for', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of listSourceFiles(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !idKeys.has(k) && !idKeys.has(`${k}_one`));
    expect(missing).toEqual([]);
  });
});
