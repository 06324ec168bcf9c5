import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Tx } from '../db/client.ts';
import { agencies } from '../db/schema.ts';

/** Today's calendar date ('YYYY-MM-DD') in the agency's time zone. */
export async function todayInAgency(db: Db | Tx, agencyId: string, now: Date): Promise<string> {
  const [row] = await db.select({ tz: agencies.timeZone }).from(agencies).where(eq(agencies.id, agencyId));
  return DateTime.fromJSDate(now, { zone: row?.tz ?? 'Asia/Jakarta' }).toISODate()!;
}
