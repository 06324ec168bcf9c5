import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DIR } from '../package-dirs.ts';

/** The committed migrations (packages/api/drizzle). */
export const MIGRATIONS = `${API_DIR}drizzle`;

/**
 * A copy in `folder` of the migrations as they were up to `tag` (the journal's later entries left
 * out), to build a database as an older release left it and then migrate it to the current one.
 */
export function migrationsUpTo(folder: string, tag: string): string {
  const copy = join(folder, tag);
  cpSync(MIGRATIONS, copy, { recursive: true });
  const journalFile = join(copy, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return copy;
}
