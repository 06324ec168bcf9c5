import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/client.ts';
import { sops } from '../db/schema.ts';
import { versionInEffect } from '../engine/store/store.ts';
import { notFound } from '../errors.ts';
import { todayInAgency } from './agency-time.ts';
import { startNodeId } from './case-data.ts';

/**
 * The version a case of `sopId` would start on today (the agency's date) and its start node, for
 * the start form, its staged uploads and the start itself. Another agency's SOP is "not found".
 */
export async function startingVersion(db: Db | Tx, user: SessionUser, sopId: string, now: Date) {
  const [sop] = await db
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.id, sopId), eq(sops.agencyId, user.agencyId)));
  if (!sop) throw notFound('SOP');
  const today = await todayInAgency(db, user.agencyId, now);
  const version = await versionInEffect(db, { agencyId: user.agencyId, sopId, today });
  return { today, version, startNodeId: startNodeId(version.document) };
}
