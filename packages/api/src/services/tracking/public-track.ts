import type { SopDocument } from '@alur/schema';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, cases, positions, sops, tasks } from '../../db/schema.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { loadAgencyClock } from '../calendar.ts';
import { estimateDoneAt } from './estimate.ts';
import { normalizeTrackingCode } from './tracking-code.ts';

/**
 * What anyone holding a tracking code may learn about a case, without signing in (docs/tracking.md).
 * Deliberately short: no name, NIK, address, note, file, user or any case data, only the SOP's own
 * words and the position (jabatan) that holds the work.
 */
export interface PublicTrack {
  sopName: string;
  caseNumber: string;
  startedAt: string;
  status: 'active' | 'completed' | 'cancelled';
  /** Where the request is, in plain words; null once it has ended. */
  currentStep: string | null;
  estimatedDoneAt: string | null;
  /** When it was completed or cancelled. */
  doneAt: string | null;
}

/**
 * Never a canonical code (it holds a U, outside the alphabet): a malformed code is looked up as
 * this, so it costs the same query as an unknown one and answers the same.
 */
const NO_CODE = 'U'.repeat(28);

/** The public view of the case with this tracking code (as typed), or null: unknown and malformed alike. */
export async function trackCase(
  db: Db,
  typed: string,
): Promise<{ track: PublicTrack; timeZone: string } | null> {
  const code = normalizeTrackingCode(typed) ?? NO_CODE;
  const [row] = await db
    .select({
      id: cases.id,
      agencyId: cases.agencyId,
      versionId: cases.versionId,
      number: cases.number,
      status: cases.status,
      startedAt: cases.startedAt,
      completedAt: cases.completedAt,
      sopName: sops.name,
      timeZone: agencies.timeZone,
    })
    .from(cases)
    .innerJoin(sops, eq(sops.id, cases.sopId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(eq(cases.trackingCode, code));
  if (!row) return null;
  const document = await loadVersionDocument(db, row.versionId);
  const clock = await loadAgencyClock(db, row.agencyId);
  const estimate = estimateDoneAt(document, new Date(row.startedAt), clock);
  return {
    timeZone: row.timeZone,
    track: {
      sopName: row.sopName,
      caseNumber: row.number,
      startedAt: row.startedAt,
      status: row.status,
      currentStep: row.status === 'active' ? await describeOpenWork(db, row, document) : null,
      estimatedDoneAt: estimate ? estimate.toISOString() : null,
      doneAt: row.completedAt,
    },
  };
}

/**
 * The open tasks in words: "sedang diperiksa oleh Kepala Seksi (Memeriksa kelengkapan …)", one
 * phrase per parallel branch. The position's name comes from the agency's catalogue; an outside
 * party's lane (Masyarakat, Desa/Kelurahan) is named as the SOP names it.
 */
async function describeOpenWork(
  db: Db,
  kase: { id: string; agencyId: string },
  document: SopDocument,
): Promise<string | null> {
  const open = await db
    .select({ nodeId: tasks.nodeId, kind: tasks.kind, positionKey: tasks.positionKey })
    .from(tasks)
    .where(and(eq(tasks.caseId, kase.id), inArray(tasks.status, ['open', 'claimed'])))
    .orderBy(tasks.createdAt);
  if (open.length === 0) return null;
  const names = new Map(
    (
      await db
        .select({ key: positions.key, name: positions.name })
        .from(positions)
        .where(
          and(
            eq(positions.agencyId, kase.agencyId),
            inArray(
              positions.key,
              open.map((t) => t.positionKey),
            ),
          ),
        )
    ).map((p) => [p.key, p.name]),
  );
  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  const lanes = new Map(document.lanes.map((l) => [l.id, l]));
  const phrases = open.map((t) => {
    const node = nodes.get(t.nodeId);
    const lane = node ? lanes.get(node.laneId) : undefined;
    const what = shortenKegiatan(node?.kegiatan ?? '');
    const where =
      lane?.kind === 'external'
        ? `menunggu ${lane.name}`
        : `${t.kind === 'decision' ? 'sedang diperiksa' : 'sedang diproses'} oleh ${names.get(t.positionKey) ?? lane?.name ?? t.positionKey}`;
    return what ? `${where} (${what})` : where;
  });
  return [...new Set(phrases)].join('; ');
}

/** A step's Kegiatan cut to its first sentence and about 80 characters, at a word. */
export function shortenKegiatan(kegiatan: string, max = 80): string {
  const first = kegiatan
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.;:])\s/)[0]!
    .replace(/[.;:]$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,\s]+$/, '')}…`;
}
