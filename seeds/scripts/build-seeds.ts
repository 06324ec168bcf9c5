/**
 * Rebuilds seeds/<slug>.json: importer output + the hand corrections of corrections.ts + the case
 * files of case-files.ts, checked with validateSop.  npx tsx seeds/scripts/build-seeds.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSop } from '../../packages/schema/src/index.ts';
import { addKelengkapan, applyCaseFile, CASE_FILES } from './case-files.ts';
import { CORRECTIONS } from './corrections.ts';
import { importSeedSource, readSources, SEEDS_DIR } from './import-all.ts';
import { documentToDraft, draftToDocument } from './seed-draft.ts';

let failed = false;
for (const src of readSources()) {
  const r = importSeedSource(src);
  const fix = CORRECTIONS[src.slug];
  if (!r.ok || !fix) {
    console.error(`${src.slug}: ${r.ok ? 'no corrections entry' : r.error.message.en}`);
    failed = true;
    continue;
  }
  const draft = documentToDraft(r.document);
  fix(draft);
  const caseFile = CASE_FILES[src.slug];
  if (caseFile) addKelengkapan(draft, caseFile);
  const built = draftToDocument(draft);
  const doc = caseFile ? applyCaseFile(built, caseFile) : built;
  const errors = validateSop(doc).filter((i) => i.severity === 'error');
  for (const e of errors) console.error(`${src.slug}: ${e.code} ${e.element.id ?? ''} ${e.message.id}`);
  failed ||= errors.length > 0;
  writeFileSync(join(SEEDS_DIR, `${src.slug}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`${src.slug}: ${doc.rowOrder.length} baris`);
}
if (failed) process.exitCode = 1;
