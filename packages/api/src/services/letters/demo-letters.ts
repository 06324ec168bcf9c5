import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SopDocument } from '@alur/schema';
import { checkLetterFormat } from '@alur/schema/core';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  letterOutputs,
  letterSettings,
  letterTemplates,
  sopVersions,
  users,
  versionTemplates,
} from '../../db/schema.ts';
import { REPO_DIR } from '../../package-dirs.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { checkLetterTemplate } from './letter-template.ts';

/** seeds/templates: the demo's Word templates and letters.json, which binds them to SOP steps. */
export const DEMO_TEMPLATES_DIR = `${REPO_DIR}seeds/templates`;

interface DemoLetters {
  numbering: { format: string; unit: string };
  outputs: {
    seed: string;
    nodeId: string;
    template: string;
    kode: string;
    subject: string;
    recipientField: string | null;
  }[];
}

/**
 * Loads the demo's letters after `loadDemoData`: the agency's numbering, and for each seed SOP
 * loaded, its templates (checked like an upload), output settings and the pin on version 1 — so
 * a demo case runs to a numbered letter. Returns how many templates were bound.
 */
export async function loadDemoLetters(
  target: { database: Database; store: BlobStore; now: Date },
  demo: { agencyId: string; sopIds: Record<string, string> },
  seeds: { slug: string; document: SopDocument }[],
  dir = DEMO_TEMPLATES_DIR,
): Promise<number> {
  const config = JSON.parse(readFileSync(join(dir, 'letters.json'), 'utf8')) as DemoLetters;
  const format = checkLetterFormat(config.numbering.format);
  if (!format.ok) throw new Error(`seeds/templates/letters.json: ${format.en}`);
  const wanted = config.outputs.filter((o) => demo.sopIds[o.seed]);
  // Checked before the transaction: a template that no longer fits its seed stops the demo's start.
  const prepared = await Promise.all(
    wanted.map(async (output) => {
      const document = seeds.find((s) => s.slug === output.seed)!.document;
      const bytes = new Uint8Array(readFileSync(join(dir, output.template)));
      const check = await checkLetterTemplate(bytes, document.dataFields).catch((error) => {
        throw new Error(`seeds/templates/${output.template}: ${error.message}`);
      });
      return { output, bytes, tags: check.tags, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
  const { store } = target;
  const now = target.now.toISOString();
  await target.database.db.transaction(async (tx) => {
    const [admin] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.agencyId, demo.agencyId), eq(users.username, 'admin')));
    await tx
      .insert(letterSettings)
      .values({ agencyId: demo.agencyId, ...config.numbering, updatedBy: admin?.id })
      .onConflictDoNothing();
    for (const { output, bytes, tags, sha256 } of prepared) {
      const sopId = demo.sopIds[output.seed]!;
      await store.storeWithin(tx, bytes, sha256);
      const [template] = await tx
        .insert(letterTemplates)
        .values({
          agencyId: demo.agencyId,
          sopId,
          nodeId: output.nodeId,
          name: output.template,
          sha256,
          size: bytes.byteLength,
          tags,
          uploadedBy: admin!.id,
          uploadedAt: now,
        })
        .returning({ id: letterTemplates.id });
      await tx.insert(letterOutputs).values({
        sopId,
        nodeId: output.nodeId,
        agencyId: demo.agencyId,
        kode: output.kode,
        subject: output.subject,
        recipientField: output.recipientField,
        updatedBy: admin!.id,
      });
      const versions = await tx
        .select({ id: sopVersions.id })
        .from(sopVersions)
        .where(eq(sopVersions.sopId, sopId));
      if (versions.length) {
        await tx
          .insert(versionTemplates)
          .values(
            versions.map((v) => ({ versionId: v.id, nodeId: output.nodeId, templateId: template!.id })),
          );
      }
    }
  });
  return prepared.length;
}
