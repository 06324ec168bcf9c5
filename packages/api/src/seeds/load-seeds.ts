import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument, type SopDocument } from '@alur/schema';
import { REPO_DIR } from '../package-dirs.ts';

/** The repository's seeds folder (plain JSON files, one SOP each). */
export const SEEDS_DIR = `${REPO_DIR}seeds`;

export interface Seed {
  slug: string;
  document: SopDocument;
}

/** Slugs of every seed, sorted ("tegal-lakip", …). */
export function listSeedSlugs(dir = SEEDS_DIR): string[] {
  return (
    readdirSync(dir)
      // Tool configuration beside the seeds (tsconfig.json for seeds/scripts) is not a seed.
      .filter((f) => f.endsWith('.json') && f !== 'tsconfig.json' && f !== 'package.json')
      .map((f) => basename(f, '.json'))
      .sort()
  );
}

/** Loads one seed through `parseDocument`; a seed that does not fit the schema throws with its issues. */
export function loadSeed(slug: string, dir = SEEDS_DIR): Seed {
  const parsed = parseDocument(JSON.parse(readFileSync(join(dir, `${slug}.json`), 'utf8')));
  if (!parsed.ok) {
    const why = parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`Seed ${slug} tidak sah: ${why}`);
  }
  return { slug, document: parsed.document };
}

/** Loads every seed. */
export function loadSeeds(dir = SEEDS_DIR): Seed[] {
  return listSeedSlugs(dir).map((slug) => loadSeed(slug, dir));
}
