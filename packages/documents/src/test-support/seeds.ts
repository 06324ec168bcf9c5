import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type SopDocument } from '@alur/schema';

const SEEDS = join(import.meta.dirname, '../../../../seeds');

/** Every seed SOP of the repository (seeds/*.json), parsed through `parseDocument`. */
export function loadSeeds(): { name: string; doc: SopDocument }[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.json') && f !== 'tsconfig.json' && f !== 'package.json')
    .sort()
    .map((f) => {
      const parsed = parseDocument(JSON.parse(readFileSync(join(SEEDS, f), 'utf8')));
      if (!parsed.ok) throw new Error(`${f}: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
      return { name: f.replace(/\.json$/, ''), doc: parsed.document };
    });
}

/** The tab-separated source tables of the seeds (seeds/source/tegal-2019.txt). */
export function readTegalSource(): string {
  return readFileSync(join(SEEDS, 'source/tegal-2019.txt'), 'utf8');
}
