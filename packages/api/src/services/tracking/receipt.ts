import type { ReceiptData } from '@alur/documents';
import {
  buildGraph,
  formatAgencyDate,
  formatAgencyDateTime,
  isStepNode,
  normalizeKelengkapan,
  type SopDocument,
} from '@alur/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { loadVisibleCase } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db } from '../../db/client.ts';
import { agencies, auditEvents, caseFiles, cases, sops } from '../../db/schema.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { loadAgencyClock } from '../calendar.ts';
import { estimateDoneAt } from './estimate.ts';
import { formatTrackingCode, generateTrackingCode } from './tracking-code.ts';

type CaseRow = typeof cases.$inferSelect;

/**
 * Everything the receipt of a case says, for a user who may see the case (else 404, as
 * `case.get`). A case started before tracking codes existed gets its code now, once: the
 * conditional update lets exactly one of two simultaneous first prints set it.
 */
export async function prepareReceipt(
  db: Db,
  user: SessionUser,
  caseId: string,
  input: { now: Date; origin: string },
): Promise<{ kase: CaseRow; data: ReceiptData }> {
  const kase = await loadVisibleCase(db, user, caseId);
  const code = kase.trackingCode ?? (await issueMissingTrackingCode(db, kase.id));
  const document = await loadVersionDocument(db, kase.versionId);
  const [agency] = await db
    .select({ name: agencies.name, address: agencies.address, timeZone: agencies.timeZone })
    .from(agencies)
    .where(eq(agencies.id, kase.agencyId));
  const [sop] = await db.select({ name: sops.name }).from(sops).where(eq(sops.id, kase.sopId));
  const uploaded = new Set(
    (
      await db.selectDistinct({ field: caseFiles.field }).from(caseFiles).where(eq(caseFiles.caseId, kase.id))
    ).map((r) => r.field),
  );
  const zone = agency?.timeZone ?? 'Asia/Jakarta';
  const estimate = estimateDoneAt(
    document,
    new Date(kase.startedAt),
    await loadAgencyClock(db, kase.agencyId),
  );
  return {
    kase: { ...kase, trackingCode: code },
    data: {
      agency: {
        name: agency?.name || document.identity.unit.nama,
        address: agency?.address || document.identity.unit.alamat,
      },
      caseNumber: kase.number,
      receivedAt: formatAgencyDateTime(kase.startedAt, zone),
      applicant: readApplicantName(kase, document),
      sopName: sop?.name ?? document.identity.nama,
      requirements: listRequirements(document, uploaded),
      estimatedDone: estimate ? formatAgencyDate(estimate, zone) : null,
      trackingCode: formatTrackingCode(code),
      trackUrl: `${input.origin}/lacak/${code}`,
      printedAt: formatAgencyDateTime(input.now, zone),
    },
  };
}

/** Writes the `receipt.printed` audit event of one print (or reprint). */
export async function recordReceiptPrinted(
  db: Db,
  user: SessionUser,
  kase: CaseRow,
  now: Date,
): Promise<void> {
  await db.insert(auditEvents).values({
    agencyId: kase.agencyId,
    actorId: user.id,
    action: 'receipt.printed',
    sopId: kase.sopId,
    caseId: kase.id,
    data: { number: kase.number },
    at: now.toISOString(),
  });
}

async function issueMissingTrackingCode(db: Db, caseId: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx
      .update(cases)
      .set({ trackingCode: generateTrackingCode() })
      .where(and(eq(cases.id, caseId), isNull(cases.trackingCode)));
    const [row] = await tx.select({ code: cases.trackingCode }).from(cases).where(eq(cases.id, caseId));
    return row!.code!;
  });
}

/** The applicant as the receipt names them: the `nama_pemohon` field when the SOP has it, else the case title. */
function readApplicantName(kase: CaseRow, document: SopDocument): string {
  const hasField = document.dataFields.some((f) => f.key === 'nama_pemohon');
  const value = hasField ? kase.data.nama_pemohon : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : kase.title;
}

/**
 * The requirements the applicant brings: the kelengkapan of the SOP's first step(s) (the intake;
 * through forks) and of the start form's file fields, each once. One is ticked when a file field
 * naming it (its `kelengkapan`) holds at least one of the case's files.
 */
export function listRequirements(
  document: SopDocument,
  uploadedFields: ReadonlySet<string>,
): { item: string; received: boolean }[] {
  const graph = buildGraph(document);
  const items: string[] = [];
  const start = document.nodes.find((n) => n.type === 'start');
  const seen = new Set<string>();
  const stack = start ? (graph.outgoing.get(start.id) ?? []).map((e) => e.target) : [];
  while (stack.length > 0) {
    const id = stack.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.get(id);
    if (!node) continue;
    if (isStepNode(node)) items.push(...node.mutuBaku.kelengkapan);
    else if (node.type === 'fork' || node.type === 'join')
      stack.push(...(graph.outgoing.get(id) ?? []).map((e) => e.target));
  }
  const fileFields = document.dataFields.filter((f) => f.type === 'file' && f.kelengkapan);
  const onStartForm = new Set(start?.fields.map((f) => f.key) ?? []);
  for (const f of fileFields) if (onStartForm.has(f.key)) items.push(f.kelengkapan!);
  const byItem = new Map<string, { item: string; received: boolean }>();
  for (const item of items) {
    const key = normalizeKelengkapan(item);
    if (!key || byItem.has(key)) continue;
    const received = fileFields.some(
      (f) => normalizeKelengkapan(f.kelengkapan!) === key && uploadedFields.has(f.key),
    );
    byItem.set(key, { item: item.trim(), received });
  }
  return [...byItem.values()];
}
