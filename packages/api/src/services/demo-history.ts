import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  composeNik,
  type DataField,
  describeForm,
  type FormField,
  type SopDocument,
  waktuToNominalMinutes,
} from '@alur/schema';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { loadSessionUser, type SessionUser } from '../auth/sessions.ts';
import type { Database } from '../db/client.ts';
import { cases, sops, sopVersions, tasks, userPositions, users } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import type { AgencyClock } from '../engine/core/types.ts';
import { loadVersionDocument } from '../engine/store/store.ts';
import { loadAgencyClock } from './calendar.ts';
import { startCaseForUser } from './cases.ts';
import { recordUpload } from './files/case-files.ts';
import { fileServiceOf } from './files/file-service.ts';
import { spoolToFile } from './files/spool.ts';
import { sweepOverdue } from './sweeper.ts';
import { actOnTask } from './task-commands.ts';
import { generateTrackingCode } from './tracking/tracking-code.ts';

/**
 * A lived-in demo: about three months of an agency's work over every published SOP, made by the
 * real services (start, claim, complete with forms and uploads) on a moving clock, so every row is
 * one the product itself would write. Deterministic in shape (a seeded generator picks SOPs, days,
 * durations, decisions and values); ids are random as always.
 *
 * Durations spread around each step's Mutu Baku: most steps finish within it, about one in eight
 * late; a decision answers "tidak" now and then (the case goes back, once at most); the last days'
 * cases stop where the present finds them, so every demo inbox has open work, some of it overdue
 * and escalated by the sweeper.
 */

export interface DemoHistoryOptions {
  /** The present: history ends here (open tasks are those not done by then). */
  now: Date;
  /** How far back the first cases start. */
  days?: number;
  /** Seed of the generator: the same seed gives the same history. */
  seed?: number;
}

/** A small, fast, seeded generator (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Sari',
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Joko',
  'Rina',
  'Eko',
  'Wati',
  'Hadi',
  'Yuni',
  'Slamet',
];
const LAST = [
  'Wulandari',
  'Santoso',
  'Hartono',
  'Lestari',
  'Saputra',
  'Rahayu',
  'Pratama',
  'Kusuma',
  'Nugroho',
];
const DESA = ['Procot', 'Kalisapu', 'Dukuhwringin', 'Pakembaran', 'Kudaile', 'Slawi Kulon', 'Trayeman'];
const KECAMATAN = ['Slawi', 'Adiwerna', 'Talang', 'Pangkah', 'Dukuhturi', 'Kramat', 'Lebaksiu'];
/** How often each kind of SOP runs: the citizen services far more than the yearly plans. */
const YEARLY = /lakip|lkpj|renja|rkt|\bpk\b|perjanjian kinerja|rencana/i;

type Pick = <T>(items: readonly T[]) => T;

/** A plausible value for a field of the demo's forms (never a real person's). */
function fakeValue(field: FormField | DataField, r: () => number, pick: Pick, day: Date): unknown {
  const key = field.key;
  switch (field.type) {
    case 'nik':
      return composeNik({
        provinceCode: '33',
        regencyCode: '28',
        districtCode: String(1 + Math.floor(r() * 18)).padStart(2, '0'),
        birthDay: 1 + Math.floor(r() * 28),
        birthMonth: 1 + Math.floor(r() * 12),
        birthYearTwoDigits: 50 + Math.floor(r() * 50),
        sex: r() < 0.5 ? 'L' : 'P',
        serial: String(1 + Math.floor(r() * 9998)).padStart(4, '0'),
      });
    case 'phone':
      return `08${String(1_000_000_000 + Math.floor(r() * 8_999_999_999)).slice(0, 10)}`;
    case 'email':
      return `warga${Math.floor(r() * 1000)}@contoh.id`;
    case 'number':
      return 1 + Math.floor(r() * 6);
    case 'money':
      return (5 + Math.floor(r() * 30)) * 100_000;
    case 'date':
      return day.toISOString().slice(0, 10);
    case 'choice':
      return pick(field.options?.length ? field.options : ['Lainnya']);
    case 'yesno':
      return r() < 0.85;
    case 'longtext':
      if (/alamat/.test(key)) {
        return `Jl. ${pick(['Melati', 'Mawar', 'Kenanga', 'Flamboyan'])} No. ${1 + Math.floor(r() * 60)}, RT 0${1 + Math.floor(r() * 8)}/RW 0${1 + Math.floor(r() * 6)}`;
      }
      return pick([
        'Kondisi rumah sesuai data; keluarga layak dibantu.',
        'Berkas lengkap, sudah diverifikasi dengan data desa.',
        'Hasil kunjungan: pemohon tinggal bersama tiga anggota keluarga.',
      ]);
    default:
      if (/^nama/.test(key)) return `${pick(FIRST)} ${pick(LAST)}`;
      if (/nomor_kk|no_kk/.test(key)) return `3328${String(Math.floor(r() * 1e12)).padStart(12, '0')}`;
      if (/nomor_kis/.test(key)) return `000${String(Math.floor(r() * 1e10)).padStart(10, '0')}`;
      if (/nomor_surat/.test(key))
        return `470/${String(1 + Math.floor(r() * 900)).padStart(4, '0')}/Dinsos/${day.getUTCFullYear()}`;
      if (/desa|kelurahan/.test(key)) return pick(DESA);
      if (/kecamatan/.test(key)) return pick(KECAMATAN);
      return 'Sesuai';
  }
}

/** The smallest valid PNG: a 1×1 grey "scan" every demo upload shares (stored once by its hash). */
const DEMO_SCAN = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Writes the demo agency's history (see the module comment). Runs on a database holding the demo
 * (loadDemoData) whose versions are in effect from `now − days`; returns what it made.
 */
export async function generateDemoHistory(
  base: AppDeps,
  options: DemoHistoryOptions,
): Promise<{ cases: number; completed: number; openTasks: number; late: number }> {
  const days = options.days ?? 90;
  const r = seededRandom(options.seed ?? 20261201);
  const pick: Pick = (items) => items[Math.floor(r() * items.length)]!;
  let clock = new Date(options.now.getTime() - days * 86_400_000);
  const deps: AppDeps = { ...base, now: () => clock };
  const db = deps.database.db;

  const holders = new Map<string, SessionUser[]>();
  for (const row of await db
    .select({ userId: userPositions.userId, positionKey: userPositions.positionKey })
    .from(userPositions)
    .innerJoin(users, eq(users.id, userPositions.userId))
    .orderBy(asc(users.username))) {
    const list = holders.get(row.positionKey) ?? [];
    list.push(await loadSessionUser(db, row.userId));
    holders.set(row.positionKey, list);
  }
  const [adminRow] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  const admin = await loadSessionUser(db, adminRow!.id);
  const agencyClock: AgencyClock = await loadAgencyClock(db, admin.agencyId);

  const published: { id: string; name: string; document: SopDocument }[] = [];
  for (const sop of await db
    .select({ id: sops.id, name: sops.name, versionId: sopVersions.id })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.sopId, sops.id))
    .where(eq(sops.agencyId, admin.agencyId))
    .orderBy(asc(sops.name), desc(sopVersions.number))) {
    if (published.some((p) => p.id === sop.id)) continue;
    published.push({ id: sop.id, name: sop.name, document: await loadVersionDocument(db, sop.versionId) });
  }

  // When each case starts: working days, office hours (08.00–14.00 WIB), oldest first.
  const starts: { sop: (typeof published)[number]; at: Date }[] = [];
  for (const sop of published) {
    const count = YEARLY.test(sop.name) ? 2 : /dtks|kis/i.test(sop.name) ? 18 : 8;
    for (let i = 0; i < count; i++) {
      const day = new Date(options.now.getTime() - Math.floor(r() * days) * 86_400_000);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6) day.setUTCDate(day.getUTCDate() + (weekday === 6 ? 2 : 1));
      day.setUTCHours(1 + Math.floor(r() * 6), Math.floor(r() * 60), 0, 0); // 08.00–13.59 WIB
      if (day < options.now) starts.push({ sop, at: day });
    }
  }
  starts.sort((a, b) => a.at.getTime() - b.at.getTime());

  const spoolDir = await mkdtemp(join(tmpdir(), 'alur-demo-history-'));
  const files = fileServiceOf(deps);
  const upload = async (user: SessionUser, caseId: string, field: string, taskId: string) => {
    const file = await spoolToFile(Readable.from([DEMO_SCAN]), spoolDir);
    await files.store.storeAndCommit(file, (tx) =>
      recordUpload(tx, {
        user,
        target: { caseId, field, taskId },
        file,
        name: `${field}.png`,
        contentType: 'image/png',
        now: clock,
      }),
    );
  };

  let made = 0;
  let completed = 0;
  let late = 0;
  /**
   * Starts one case at `at` and works it step by step on the moving clock until it ends, reaches
   * the present, or `stopAt` says the open task is where it should wait.
   */
  const runCase = async (
    sop: (typeof published)[number],
    at: Date,
    stopAt?: (positionKey: string) => boolean,
  ) => {
    clock = at;
    const document = sop.document;
    const startNode = document.nodes.find((n) => n.type === 'start');
    const starter = pick(
      holders.get(laneOwner(document, startNode?.laneId)) ?? holders.get('staf') ?? [admin],
    );
    const data: Record<string, unknown> = {};
    const filled = new Set<string>();
    for (const field of startNode ? describeForm(document, startNode.id) : []) {
      if (field.type === 'file' || field.mode === 'read') continue;
      if (field.mode === 'require' || r() < 0.6) {
        data[field.key] = fakeValue(field, r, pick, clock);
        filled.add(field.key);
      }
    }
    const name = typeof data.nama_pemohon === 'string' ? data.nama_pemohon : null;
    const { caseId } = await startCaseForUser(deps, starter, {
      sopId: sop.id,
      title: name ? `Permohonan ${name}` : `${sop.name} — ${monthName(clock)}`,
      data,
    });
    made++;
    const sentBack = new Set<string>();
    for (let guard = 0; guard < 200; guard++) {
      const open = await db
        .select()
        .from(tasks)
        .where(and(eq(tasks.caseId, caseId), inArray(tasks.status, ['open', 'claimed'])))
        .orderBy(asc(tasks.createdAt), asc(tasks.id));
      const task = open[0];
      if (!task || stopAt?.(task.positionKey)) break;
      const node = document.nodes.find((n) => n.id === task.nodeId)!;
      const standard = node.mutuBaku.waktu ? waktuToNominalMinutes(node.mutuBaku.waktu) : 60;
      const roll = r();
      const factor = stopAt
        ? 0.1
        : roll < 0.12
          ? 1.1 + r() * 1.4
          : roll < 0.3
            ? 0.8 + r() * 0.2
            : 0.15 + r() * 0.65;
      const createdAt = new Date(task.createdAt);
      const doneAt =
        agencyClock.computeDueAt(
          { amount: Math.max(5, standard * factor), unit: 'menit', perItem: false },
          createdAt,
        ) ?? new Date(createdAt.getTime() + 3_600_000);
      const worker = pick(holders.get(task.positionKey) ?? [admin]);
      const claimAt = new Date(Math.min(doneAt.getTime(), createdAt.getTime() + (5 + r() * 40) * 60_000));
      if (claimAt >= options.now) break;
      clock = claimAt;
      if (task.status === 'open') await actOnTask(deps, worker, { taskId: task.id }, { type: 'task.claim' });
      if (doneAt >= options.now) break;
      clock = doneAt;
      const form: Record<string, unknown> = {};
      for (const field of describeForm(document, node.id)) {
        if (field.mode === 'read' || filled.has(field.key)) continue;
        if (field.mode !== 'require' && r() > 0.4) continue;
        if (field.type === 'file') await upload(worker, caseId, field.key, task.id);
        else form[field.key] = fakeValue(field, r, pick, clock);
        filled.add(field.key);
      }
      const outcome =
        node.type === 'decision'
          ? !sentBack.has(node.id) && !stopAt && r() < 0.2
            ? 'tidak'
            : 'ya'
          : undefined;
      if (outcome === 'tidak') sentBack.add(node.id);
      await actOnTask(
        deps,
        worker,
        { taskId: task.id },
        {
          type: 'task.complete',
          outcome,
          note:
            outcome === 'tidak' ? 'Berkas belum lengkap; mohon dilengkapi dan diperiksa ulang.' : undefined,
          data: form,
        },
      );
      if (task.dueAt && doneAt > new Date(task.dueAt)) late++;
    }
    const [row] = await db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
    if (row?.status === 'completed') completed++;
  };

  try {
    for (const { sop, at } of starts) await runCase(sop, at);
    // Every demo inbox has work: a position with none gets a case of an SOP that passes through
    // it, started yesterday morning and worked up to that position's step.
    const yesterday = new Date(options.now.getTime() - 86_400_000);
    yesterday.setUTCHours(1, 30, 0, 0);
    for (const position of holders.keys()) {
      const [busy] = await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.positionKey, position), inArray(tasks.status, ['open', 'claimed'])))
        .limit(1);
      if (busy) continue;
      const sop = published.find((p) =>
        p.document.nodes.some(
          (n) =>
            (n.type === 'activity' || n.type === 'decision') && laneOwner(p.document, n.laneId) === position,
        ),
      );
      if (sop) await runCase(sop, yesterday, (positionKey) => positionKey === position);
    }
    // The present: overdue open tasks are escalated as the running sweeper would have done.
    clock = options.now;
    while ((await sweepOverdue(deps)) > 0) {
      // full batches: keep going
    }
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
  const [open] = await deps.database.query<{ n: number }>(
    sql`select count(*)::int as n from tasks where status in ('open', 'claimed')`,
  );
  return { cases: made, completed, openTasks: open?.n ?? 0, late };
}

/** The position whose staff act in a lane (an external lane's recorder). */
function laneOwner(document: SopDocument, laneId: string | undefined): string {
  const lane = document.lanes.find((l) => l.id === laneId);
  if (!lane) return 'staf';
  return lane.kind === 'position' ? lane.positionKey : lane.kind === 'external' ? lane.recordedBy : 'staf';
}

function monthName(day: Date): string {
  return day.toLocaleDateString('id-ID', { month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
}

/**
 * Moves a prepared demo's history to the present: every timestamp and date of the demo (not the
 * holiday calendar) by whole weeks, so weekdays and office hours stay as they were. The audit log
 * is append-only; on this fresh, not yet served copy of the demo its guard is lifted for this one
 * transaction, and nothing else can be connected.
 */
export async function shiftDemoHistory(database: Database, weeks: number): Promise<void> {
  await reissueTrackingCodes(database);
  if (weeks === 0) return;
  const columns = await database.query<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('timestamp with time zone', 'date')
      and table_name not in ('holidays', '__drizzle_migrations')
    order by table_name, column_name`);
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    for (const [table, cols] of byTable) {
      const sets = cols.map((c) => `"${c}" = "${c}" + interval '${weeks * 7} days'`);
      // The cases change beside the engine's writer: their revision goes up as the writer's would,
      // so a process that remembers one (engine/store/case-cache.ts) reads it again.
      if (table === 'cases') sets.push('revision = revision + 1');
      await tx.execute(sql.raw(`update "${table}" set ${sets.join(', ')}`));
    }
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}

/**
 * Gives every case of a freshly copied prepared demo a new tracking code: the copy is the same on
 * every install, and its codes must not be (a code opens the public tracking page).
 */
async function reissueTrackingCodes(database: Database): Promise<void> {
  const rows = await database.query<{ id: string }>(
    sql`select id from cases where tracking_code is not null`,
  );
  if (rows.length === 0) return;
  const codes = rows.map((r) => ({ id: r.id, code: generateTrackingCode() }));
  await database.query(sql`update cases c set tracking_code = x.code
    from jsonb_to_recordset(${JSON.stringify(codes)}::jsonb) as x(id uuid, code text) where c.id = x.id`);
}
