import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import { and, asc, eq } from 'drizzle-orm';
import { createDb, type Database, migrateDb, readDbConfig } from '../../db/client.ts';
import { agencies, auditEvents, caseFiles, cases, positions, sops, tasks, users } from '../../db/schema.ts';
import { loadVersionDocument } from '../../engine/store/store.ts';
import { createFileService, readFilesConfig } from '../../services/files/file-service.ts';
import { eraseCase, listRetentionDue } from '../../services/retention.ts';
import { type CliCommand, type CliIo, UsageError } from '../cli-io.ts';

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDb(readDbConfig());
  try {
    await migrateDb(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

const day = (iso: string) => iso.slice(0, 10);

/** `alur retention [--apply]`: lists, then optionally erases, what has passed its retention. */
export async function runRetention(
  database: Database,
  apply: boolean,
  now: Date,
  io: CliIo,
): Promise<number> {
  const due = await listRetentionDue(database, now);
  if (due.length === 0) {
    io.out('Tidak ada kasus yang melewati masa retensi (no case is past its retention).');
    return 0;
  }
  for (const d of due) {
    io.out(
      `${d.number}\t${d.sopName}\tditutup ${day(d.closedAt)}\tretensi ${d.retentionYears} th\t` +
        `data: ${d.fields.join(', ') || '—'}\tberkas: ${d.files}`,
    );
  }
  if (!apply) {
    io.out(
      `${due.length} kasus melewati masa retensi; jalankan dengan --apply untuk menghapus data pribadi dan berkasnya ` +
        `(${due.length} case(s) past retention; run with --apply to erase).`,
    );
    return 0;
  }
  let erased = 0;
  for (const d of due) if (await eraseCase(database, d, now)) erased++;
  io.out(
    `${erased} kasus dihapus data pribadi dan berkasnya; langkah dan waktunya tetap. Isi berkas terhapus pada ` +
      `\`alur files gc\` berikutnya (${erased} case(s) erased; run \`alur files gc\` to remove the bytes).`,
  );
  return 0;
}

export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: 'alur retention [--apply]',
  summary: 'Kasus yang melewati masa retensi (UU 27/2022); --apply menghapus data pribadi dan berkasnya',
  async run(args, io) {
    if (args.length > 1 || (args.length === 1 && args[0] !== '--apply')) {
      throw new UsageError(`Opsi tidak dikenal: ${args.join(' ')} (unknown option)`);
    }
    return withDatabase((database) => runRetention(database, args[0] === '--apply', new Date(), io));
  },
};

/**
 * Writes a data subject's case file as a zip: `kasus.json` (the case, its unmasked data, steps,
 * timeline and document list) and `dokumen/…` (the documents' bytes). Audited (`case.exported`).
 */
export async function exportCaseFile(
  database: Database,
  input: { number: string; agencySlug?: string; out: string },
  now: Date,
): Promise<{ files: number }> {
  const db = database.db;
  const found = await db
    .select({ kase: cases, agencySlug: agencies.slug, sopName: sops.name })
    .from(cases)
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .innerJoin(sops, eq(sops.id, cases.sopId))
    .where(
      input.agencySlug
        ? and(eq(cases.number, input.number), eq(agencies.slug, input.agencySlug))
        : eq(cases.number, input.number),
    );
  if (found.length === 0) throw new UsageError(`Kasus ${input.number} tidak ditemukan (case not found).`);
  if (found.length > 1) {
    throw new UsageError(
      `Nomor ${input.number} ada di beberapa instansi (${found.map((f) => f.agencySlug).join(', ')}); pilih dengan --agency.`,
    );
  }
  const { kase, sopName } = found[0]!;
  const document = await loadVersionDocument(db, kase.versionId);
  const steps = await db
    .select({ task: tasks, position: positions.name, by: users.displayName })
    .from(tasks)
    .leftJoin(positions, and(eq(positions.agencyId, tasks.agencyId), eq(positions.key, tasks.positionKey)))
    .leftJoin(users, eq(users.id, tasks.completedBy))
    .where(eq(tasks.caseId, kase.id))
    .orderBy(asc(tasks.createdAt));
  const events = await db
    .select({ event: auditEvents, actor: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.caseId, kase.id))
    .orderBy(asc(auditEvents.id));
  const files = await db
    .select()
    .from(caseFiles)
    .where(eq(caseFiles.caseId, kase.id))
    .orderBy(asc(caseFiles.uploadedAt));
  const labels = new Map(document.dataFields.map((f) => [f.key, f.label]));
  const paths = files.map(
    (f, i) => `dokumen/${String(i + 1).padStart(2, '0')}-${f.name.replace(/[/\\]/g, '_')}`,
  );
  const summary = {
    format: 'alur.case-file/1',
    exportedAt: now.toISOString(),
    case: {
      number: kase.number,
      title: kase.title,
      sop: sopName,
      status: kase.status,
      startedAt: kase.startedAt,
      completedAt: kase.completedAt,
    },
    data: Object.entries(kase.data ?? {}).map(([key, value]) => ({
      key,
      label: labels.get(key) ?? key,
      value,
    })),
    steps: steps.map(({ task, position, by }) => ({
      step: document.nodes.find((n) => n.id === task.nodeId)?.kegiatan ?? task.nodeId,
      position: position ?? task.positionKey,
      status: task.status,
      createdAt: task.createdAt,
      dueAt: task.dueAt,
      completedAt: task.completedAt,
      completedBy: by,
      outcome: task.outcome,
      note: task.note,
    })),
    timeline: events.map(({ event, actor }) => ({
      at: event.at,
      action: event.action,
      by: actor,
      data: event.data,
    })),
    documents: files.map((f, i) => ({
      path: paths[i],
      field: f.field,
      label: labels.get(f.field) ?? f.field,
      name: f.name,
      size: f.size,
      contentType: f.contentType,
      sha256: f.sha256,
      uploadedAt: f.uploadedAt,
    })),
  };
  const { store } = createFileService(database, readFilesConfig());
  try {
    const zip = archiver('zip', { zlib: { level: 6 } });
    const written = pipeline(zip, createWriteStream(input.out));
    zip.append(`${JSON.stringify(summary, null, 2)}\n`, { name: 'kasus.json' });
    for (const [i, f] of files.entries()) {
      zip.append(store.read(f.sha256, f.size), { name: paths[i]! });
    }
    await zip.finalize();
    await written;
  } finally {
    await store.close();
  }
  await db.insert(auditEvents).values({
    agencyId: kase.agencyId,
    actorId: null,
    action: 'case.exported',
    sopId: kase.sopId,
    caseId: kase.id,
    data: { via: 'cli', documents: files.length },
    at: now.toISOString(),
  });
  return { files: files.length };
}

export const caseExportCommand: CliCommand = {
  name: 'case export',
  usage: 'alur case export <nomor> --out kasus.zip [--agency <slug>]',
  summary: 'Berkas kasus untuk subjek data (UU 27/2022): JSON + dokumen dalam satu zip',
  async run(args, io) {
    const [number, ...rest] = args;
    const options: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) {
      const [flag, value] = [rest[i]!, rest[i + 1]];
      if ((flag !== '--out' && flag !== '--agency') || !value) {
        throw new UsageError(
          `Opsi tidak dikenal atau tanpa nilai: ${flag} (unknown option or missing value)`,
        );
      }
      options[flag.slice(2)] = value;
    }
    if (!number || !options.out) throw new UsageError(`Penggunaan: ${this.usage}`);
    const out = resolve(io.cwd, options.out);
    return withDatabase(async (database) => {
      const { files } = await exportCaseFile(
        database,
        { number, agencySlug: options.agency, out },
        new Date(),
      );
      io.out(`Berkas kasus ${number} ditulis ke ${out} (${files} dokumen).`);
      return 0;
    });
  },
};
