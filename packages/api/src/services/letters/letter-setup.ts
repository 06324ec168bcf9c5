import { createHash } from 'node:crypto';
import { parseDocument, type SopDocument } from '@alur/schema';
import { checkLetterFormat, DEFAULT_LETTER_FORMAT } from '@alur/schema/core';
import { and, asc, eq } from 'drizzle-orm';
import { assertMay } from '../../auth/policy.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  auditEvents,
  type LetterSigner,
  letterOutputs,
  letterSettings,
  letterTemplates,
  sops,
  versionTemplates,
} from '../../db/schema.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { cleanFileName } from '../files/file-name.ts';
import { fileServiceOf } from '../files/file-service.ts';
import { checkLetterTemplate } from './letter-template.ts';

/** A template larger than this is not a letter (Word letters with a logo are tens of kilobytes). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** The case-file field a step's letter is stored under (`GET /api/files/<fileId>`). */
export function letterOutputKey(nodeId: string): string {
  return `surat_${nodeId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 64);
}

function badRequest(code: string, id: string, en: string, details?: Record<string, unknown>) {
  return new AppError('BAD_REQUEST', code, { id, en }, details);
}

async function loadAgencySop(db: Db | Tx, user: SessionUser, sopId: string) {
  const [row] = await db
    .select({ id: sops.id, name: sops.name, draft: sops.draft })
    .from(sops)
    .where(and(eq(sops.id, sopId), eq(sops.agencyId, user.agencyId)));
  if (!row) throw notFound('SOP');
  const parsed = parseDocument(row.draft);
  if (!parsed.ok) throw notFound('SOP');
  return { ...row, document: parsed.document };
}

/** The step a letter can be bound to: an activity or decision of the document. */
function requireStep(document: SopDocument, nodeId: string) {
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node || (node.type !== 'activity' && node.type !== 'decision')) {
    throw badRequest(
      'LETTER_STEP_UNKNOWN',
      `Langkah "${nodeId}" tidak ada pada SOP ini (atau bukan kegiatan).`,
      `The SOP has no activity step "${nodeId}".`,
    );
  }
  return node;
}

/**
 * `letter.uploadTemplate`: checks a Word template against the SOP's draft (a Word document by its
 * bytes; every tag a data field or built-in), then stores it content-addressed and makes it the
 * step's current template, all in one transaction: a refused or failed upload stores nothing.
 */
export async function uploadLetterTemplate(
  deps: AppDeps,
  user: SessionUser,
  input: { sopId: string; nodeId: string; fileName: string; contentBase64: string },
) {
  assertMay(user, 'administer');
  const sop = await loadAgencySop(deps.database.db, user, input.sopId);
  requireStep(sop.document, input.nodeId);
  const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_TEMPLATE_BYTES) {
    throw badRequest(
      'TEMPLATE_SIZE',
      'Templat surat kosong atau lebih besar dari 10 MB.',
      'The letter template is empty or larger than 10 MB.',
    );
  }
  const check = await checkLetterTemplate(bytes, sop.document.dataFields);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = cleanFileName(input.fileName);
  const now = deps.now().toISOString();
  const store = fileServiceOf(deps).store;
  return deps.database.db.transaction(async (tx) => {
    await store.storeWithin(tx, bytes, sha256);
    await tx
      .update(letterTemplates)
      .set({ current: false })
      .where(
        and(
          eq(letterTemplates.sopId, sop.id),
          eq(letterTemplates.nodeId, input.nodeId),
          eq(letterTemplates.current, true),
        ),
      );
    const [row] = await tx
      .insert(letterTemplates)
      .values({
        agencyId: user.agencyId,
        sopId: sop.id,
        nodeId: input.nodeId,
        name,
        sha256,
        size: bytes.byteLength,
        tags: check.tags,
        uploadedBy: user.id,
        uploadedAt: now,
      })
      .returning({ id: letterTemplates.id });
    await tx
      .insert(letterOutputs)
      .values({ sopId: sop.id, nodeId: input.nodeId, agencyId: user.agencyId, updatedBy: user.id })
      .onConflictDoNothing();
    await tx.insert(auditEvents).values({
      agencyId: user.agencyId,
      actorId: user.id,
      action: 'letter.template_uploaded',
      sopId: sop.id,
      nodeId: input.nodeId,
      data: { templateId: row!.id, name, sha256, tags: check.tags },
      at: now,
    });
    return { templateId: row!.id, name, sha256, size: bytes.byteLength, tags: check.tags };
  });
}

/** `letter.removeTemplate`: unbinds the step (its letters keep their files; versions keep their pins). */
export async function removeLetterTemplate(
  db: Db,
  user: SessionUser,
  input: { sopId: string; nodeId: string },
  now: Date,
) {
  assertMay(user, 'administer');
  const sop = await loadAgencySop(db, user, input.sopId);
  return db.transaction(async (tx) => {
    const removed = await tx
      .update(letterTemplates)
      .set({ current: false })
      .where(
        and(
          eq(letterTemplates.sopId, sop.id),
          eq(letterTemplates.nodeId, input.nodeId),
          eq(letterTemplates.current, true),
        ),
      )
      .returning({ id: letterTemplates.id });
    if (removed.length) {
      await tx.insert(auditEvents).values({
        agencyId: user.agencyId,
        actorId: user.id,
        action: 'letter.template_removed',
        sopId: sop.id,
        nodeId: input.nodeId,
        data: { templateId: removed[0]!.id },
        at: now.toISOString(),
      });
    }
    return { removed: removed.length > 0 };
  });
}

/** `letter.updateOutput`: the series code, own format, subject, recipient field and signer of a step's letter. */
export async function updateLetterOutput(
  db: Db,
  user: SessionUser,
  input: {
    sopId: string;
    nodeId: string;
    kode: string;
    format: string | null;
    subject: string;
    recipientField: string | null;
    signer: LetterSigner | null;
  },
  now: Date,
) {
  assertMay(user, 'administer');
  const sop = await loadAgencySop(db, user, input.sopId);
  requireStep(sop.document, input.nodeId);
  if (input.format !== null) {
    const check = checkLetterFormat(input.format);
    if (!check.ok) throw badRequest('LETTER_FORMAT_INVALID', check.id, check.en);
  }
  if (input.recipientField !== null && !sop.document.dataFields.some((f) => f.key === input.recipientField)) {
    throw badRequest(
      'LETTER_RECIPIENT_FIELD',
      `Data "${input.recipientField}" tidak ada pada SOP ini.`,
      `The SOP has no data field "${input.recipientField}".`,
    );
  }
  const values = {
    kode: input.kode.trim(),
    format: input.format?.trim() || null,
    subject: input.subject.trim(),
    recipientField: input.recipientField,
    signer: input.signer,
    updatedBy: user.id,
    updatedAt: now.toISOString(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(letterOutputs)
      .values({ sopId: sop.id, nodeId: input.nodeId, agencyId: user.agencyId, ...values })
      .onConflictDoUpdate({ target: [letterOutputs.sopId, letterOutputs.nodeId], set: values });
    await tx.insert(auditEvents).values({
      agencyId: user.agencyId,
      actorId: user.id,
      action: 'letter.output_updated',
      sopId: sop.id,
      nodeId: input.nodeId,
      data: { kode: values.kode, format: values.format, subject: values.subject },
      at: now.toISOString(),
    });
  });
  return { ok: true as const };
}

/** The agency's numbering format and unit code (defaults when never set). */
export async function readLetterSettings(db: Db | Tx, agencyId: string) {
  const [row] = await db
    .select({ format: letterSettings.format, unit: letterSettings.unit })
    .from(letterSettings)
    .where(eq(letterSettings.agencyId, agencyId));
  return row ?? { format: DEFAULT_LETTER_FORMAT, unit: '' };
}

/** `letter.updateSettings`: the agency's numbering format and unit code. */
export async function updateLetterSettings(
  db: Db,
  user: SessionUser,
  input: { format: string; unit: string },
  now: Date,
) {
  assertMay(user, 'administer');
  const check = checkLetterFormat(input.format);
  if (!check.ok) throw badRequest('LETTER_FORMAT_INVALID', check.id, check.en);
  const values = {
    format: input.format.trim(),
    unit: input.unit.trim(),
    updatedBy: user.id,
    updatedAt: now.toISOString(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(letterSettings)
      .values({ agencyId: user.agencyId, ...values })
      .onConflictDoUpdate({ target: letterSettings.agencyId, set: values });
    await tx.insert(auditEvents).values({
      agencyId: user.agencyId,
      actorId: user.id,
      action: 'letter.settings_updated',
      data: { format: values.format, unit: values.unit },
      at: now.toISOString(),
    });
  });
  return { ok: true as const };
}

/**
 * `letter.setup`: what the Administrasi panel shows for one SOP — the agency's numbering, and for
 * each activity step its current template (if any) and output settings.
 */
export async function getLetterSetup(db: Db, user: SessionUser, sopId: string) {
  assertMay(user, 'administer');
  const sop = await loadAgencySop(db, user, sopId);
  const templates = await db
    .select()
    .from(letterTemplates)
    .where(and(eq(letterTemplates.sopId, sop.id), eq(letterTemplates.current, true)));
  const outputs = await db.select().from(letterOutputs).where(eq(letterOutputs.sopId, sop.id));
  const document = sop.document;
  const order = new Map(document.rowOrder.map((id, i) => [id, i]));
  const steps = document.nodes
    .filter((n) => n.type === 'activity' || n.type === 'decision')
    .sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9))
    .map((node) => {
      const template = templates.find((t) => t.nodeId === node.id) ?? null;
      const output = outputs.find((o) => o.nodeId === node.id) ?? null;
      return {
        nodeId: node.id,
        kegiatan: node.kegiatan,
        output: node.mutuBaku.output,
        template: template && {
          id: template.id,
          name: template.name,
          size: template.size,
          tags: template.tags,
          uploadedAt: template.uploadedAt,
        },
        settings: output && {
          kode: output.kode,
          format: output.format,
          subject: output.subject,
          recipientField: output.recipientField,
          signer: output.signer,
        },
      };
    });
  return {
    sopId: sop.id,
    sopName: sop.name,
    numbering: await readLetterSettings(db, user.agencyId),
    dataFields: document.dataFields.map((f) => ({ key: f.key, label: f.label, type: f.type })),
    signer: document.identity.disahkanOleh,
    steps,
  };
}

/** Pins the SOP's current templates to a version being published (called inside publish's transaction). */
export async function pinLetterTemplates(tx: Tx, sopId: string, versionId: string): Promise<void> {
  const current = await tx
    .select({ id: letterTemplates.id, nodeId: letterTemplates.nodeId })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.sopId, sopId), eq(letterTemplates.current, true)))
    .orderBy(asc(letterTemplates.nodeId));
  if (current.length === 0) return;
  await tx
    .insert(versionTemplates)
    .values(current.map((t) => ({ versionId, nodeId: t.nodeId, templateId: t.id })));
}

/**
 * The template a case's step fills: the one its version pinned, else (a template added after the
 * version was published) the step's current one.
 */
export async function resolveLetterTemplate(
  db: Db | Tx,
  input: { versionId: string; sopId: string; nodeId: string },
) {
  const [pinned] = await db
    .select({ template: letterTemplates })
    .from(versionTemplates)
    .innerJoin(letterTemplates, eq(letterTemplates.id, versionTemplates.templateId))
    .where(and(eq(versionTemplates.versionId, input.versionId), eq(versionTemplates.nodeId, input.nodeId)));
  if (pinned) return pinned.template;
  const [current] = await db
    .select()
    .from(letterTemplates)
    .where(
      and(
        eq(letterTemplates.sopId, input.sopId),
        eq(letterTemplates.nodeId, input.nodeId),
        eq(letterTemplates.current, true),
      ),
    );
  return current ?? null;
}
