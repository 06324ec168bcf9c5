import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);
const migrations = fileURLToPath(new URL('../../drizzle/', import.meta.url));

/** Where `npm run build` puts the prepared embedded database. */
export const PGLITE_TEMPLATE = {
  data: fileURLToPath(new URL('pglite-template.tar.gz', dist)),
  stamp: fileURLToPath(new URL('pglite-template.stamp', dist)),
};

/** A hash of the committed migrations: the template is used only if it was built from the same. */
export function readMigrationStamp(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(migrations)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash.update(f).update(readFileSync(`${migrations}${f}`));
  }
  return hash.digest('hex');
}

/** The prepared template, if present and built from the current migrations. */
export function findPgliteTemplate(): Blob | null {
  if (!existsSync(PGLITE_TEMPLATE.data) || !existsSync(PGLITE_TEMPLATE.stamp)) return null;
  if (readFileSync(PGLITE_TEMPLATE.stamp, 'utf8') !== readMigrationStamp()) return null;
  return new Blob([readFileSync(PGLITE_TEMPLATE.data)]);
}
