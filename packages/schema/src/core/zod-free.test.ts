/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Value imports (not `import type`, not `export type`) of a module, resolved to files or package names. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
    specifiers.push(m[1]!);
  }
  return specifiers.map((s) => (s.startsWith('.') ? resolve(dirname(file), s) : s));
}

describe('@alur/schema/core', () => {
  it('loads no zod, directly or through the modules it re-exports (the phone runtime bundles it)', () => {
    const start = resolve(dirname(fileURLToPath(import.meta.url)), 'index.ts');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const target of valueImports(file)) {
        if (target.startsWith('/')) queue.push(target);
        else packages.add(target);
      }
    }
    expect([...seen].some((f) => f.endsWith('form-data.ts'))).toBe(true);
    expect([...packages]).not.toContain('zod');
  });
});
