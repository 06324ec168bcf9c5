/**
 * Regenerates the raw importer output of every seed into a scratch folder, to compare with the
 * hand-corrected seeds/*.json:  npx tsx seeds/scripts/import-all.ts [outDir]
 * Writes <slug>.json (the document) and <slug>.report.json (the importer's guesses).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImportResult, importSopTables } from '../../packages/schema/src/index.ts';

export const SEEDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SeedSource {
  slug: string;
  source: string;
  table: number;
}

/** The manifest: which table of which source file each seed comes from. */
export function readSources(): SeedSource[] {
  return JSON.parse(readFileSync(join(SEEDS_DIR, 'scripts', 'sources.json'), 'utf8')) as SeedSource[];
}

/** Runs the importer on the source table of one seed. */
export function importSeedSource(src: SeedSource): ImportResult {
  const text = readFileSync(join(SEEDS_DIR, src.source), 'utf8');
  const result = importSopTables(text)[src.table];
  if (!result) throw new Error(`${src.slug}: table ${src.table} not found in ${src.source}`);
  return result;
}

function main() {
  const out = resolve(process.argv[2] ?? join(tmpdir(), 'alur-seeds-raw'));
  mkdirSync(out, { recursive: true });
  for (const src of readSources()) {
    const r = importSeedSource(src);
    if (!r.ok) {
      console.error(`${src.slug}: ${r.error.code} ${r.error.message.en}`);
      process.exitCode = 1;
      continue;
    }
    writeFileSync(join(out, `${src.slug}.json`), `${JSON.stringify(r.document, null, 2)}\n`);
    writeFileSync(join(out, `${src.slug}.report.json`), `${JSON.stringify(r.report, null, 2)}\n`);
    console.log(`${src.slug}: ${r.report.rowCount} baris, ${r.report.guesses.length} tebakan`);
  }
  console.log(`→ ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
