import { randomUUID } from 'node:crypto';
import type { SopDocument } from '@alur/schema';
import { count } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import {
  agencies,
  auditEvents,
  holidays,
  type Permission,
  positions,
  sops,
  sopVersions,
  userPositions,
  users,
} from '../db/schema.ts';
import { checksumOf } from './canonical-json.ts';

export const DEMO_PASSWORD = 'alur-demo';
export const DEMO_AGENCY = {
  slug: 'dinsos-tegal',
  name: 'Dinas Sosial Kabupaten Tegal',
  address: 'Jl. Dr. Soetomo No. 1A, Slawi, Kabupaten Tegal',
};

/** The demo role catalogue, each with the position it escalates to. */
export const DEMO_POSITIONS: { key: string; name: string; supervisorKey: string | null }[] = [
  { key: 'kadis', name: 'Kepala Dinas', supervisorKey: null },
  { key: 'sekdin', name: 'Sekretaris Dinas', supervisorKey: 'kadis' },
  { key: 'kabid', name: 'Kepala Bidang', supervisorKey: 'kadis' },
  { key: 'kasi', name: 'Kepala Seksi', supervisorKey: 'kabid' },
  { key: 'staf', name: 'Staf', supervisorKey: 'kasi' },
  { key: 'peksos', name: 'Pekerja Sosial', supervisorKey: 'kasi' },
];

const DEMO_USERS: {
  username: string;
  displayName: string;
  permissions: Permission[];
  positions: string[];
}[] = [
  {
    username: 'kadis',
    displayName: 'Kepala Dinas (demo)',
    permissions: ['staff', 'leader'],
    positions: ['kadis'],
  },
  {
    username: 'sekdin',
    displayName: 'Sekretaris Dinas (demo)',
    permissions: ['staff', 'leader'],
    positions: ['sekdin'],
  },
  {
    username: 'kabid',
    displayName: 'Kepala Bidang (demo)',
    permissions: ['staff', 'leader'],
    positions: ['kabid'],
  },
  { username: 'kasi', displayName: 'Kepala Seksi (demo)', permissions: ['staff'], positions: ['kasi'] },
  { username: 'staf', displayName: 'Staf (demo)', permissions: ['staff'], positions: ['staf'] },
  { username: 'peksos', displayName: 'Pekerja Sosial (demo)', permissions: ['staff'], positions: ['peksos'] },
  {
    username: 'admin',
    displayName: 'Administrator (demo)',
    permissions: ['admin', 'leader', 'designer', 'staff'],
    positions: [],
  },
  { username: 'perancang', displayName: 'Perancang SOP (demo)', permissions: ['designer'], positions: [] },
];

/** The demo accounts' usernames (the login page lists them in demo mode). */
export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

/**
 * The 2026 days off of the SKB 3 Menteri on national holidays and cuti bersama (read from public
 * copies of the decree), entered as the demo agency's own corrections over the date-holidays
 * library: it dates Idul Fitri 1447 H a day early and lacks Paskah. Administrators review and
 * correct these each year (Administrasi › Kalender).
 */
export const DEMO_HOLIDAYS_2026: { date: string; name: string; kind: 'cuti_bersama' | 'holiday' }[] = [
  { date: '2026-02-16', name: 'Cuti Bersama Tahun Baru Imlek', kind: 'cuti_bersama' },
  { date: '2026-03-18', name: 'Cuti Bersama Hari Suci Nyepi', kind: 'cuti_bersama' },
  { date: '2026-03-20', name: 'Cuti Bersama Idul Fitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-03-21', name: 'Idul Fitri 1447 H', kind: 'holiday' },
  { date: '2026-03-22', name: 'Idul Fitri 1447 H', kind: 'holiday' },
  { date: '2026-03-23', name: 'Cuti Bersama Idul Fitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-03-24', name: 'Cuti Bersama Idul Fitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'holiday' },
  { date: '2026-05-15', name: 'Cuti Bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
  { date: '2026-05-28', name: 'Cuti Bersama Idul Adha 1447 H', kind: 'cuti_bersama' },
  { date: '2026-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama' },
];

/** True when the database has no agency yet (a fresh install). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(agencies);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo: the agency, its positions, one user per position plus `admin` and `perancang`
 * (password `alur-demo`), and every seed SOP published as version 1.
 */
export async function loadDemoData(db: Db, seeds: { slug: string; document: SopDocument }[], now: Date) {
  // argon2 runs on libuv's thread pool while the first rows go in.
  const hashing = hashPassword(DEMO_PASSWORD);
  hashing.catch(() => {}); // awaited below; a failure before that point must not go unhandled
  return db.transaction(async (tx) => {
    const [agency] = await tx
      .insert(agencies)
      .values({ ...DEMO_AGENCY, timeZone: 'Asia/Jakarta' })
      .returning({ id: agencies.id });
    const agencyId = agency!.id;
    await tx.insert(positions).values(DEMO_POSITIONS.map((p) => ({ ...p, agencyId })));
    await tx.insert(holidays).values(DEMO_HOLIDAYS_2026.map((h) => ({ ...h, agencyId })));
    // Whole tables in one statement each: on embedded PGlite every statement costs a round of
    // its protocol, and this runs on the first start (startup.ms).
    const passwordHash = await hashing;
    const created = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          agencyId,
          username: u.username,
          displayName: u.displayName,
          permissions: u.permissions,
          passwordHash,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const userIds = new Map(created.map((u) => [u.username, u.id]));
    await tx
      .insert(userPositions)
      .values(
        DEMO_USERS.flatMap((u) =>
          u.positions.map((positionKey) => ({ userId: userIds.get(u.username)!, agencyId, positionKey })),
        ),
      );
    const adminId = userIds.get('admin')!;
    const sopIds: Record<string, string> = {};
    if (seeds.length > 0) {
      const published = seeds.map((seed) => ({ seed, sopId: randomUUID() }));
      for (const { seed, sopId } of published) sopIds[seed.slug] = sopId;
      await tx.insert(sops).values(
        published.map(({ seed, sopId }) => ({
          id: sopId,
          agencyId,
          name: seed.document.identity.nama || seed.slug,
          draft: seed.document,
          createdBy: adminId,
        })),
      );
      await tx.insert(sopVersions).values(
        published.map(({ seed: { document }, sopId }) => ({
          sopId,
          agencyId,
          number: 1,
          document,
          checksum: checksumOf(document),
          signer: document.identity.disahkanOleh,
          effectiveDate: /^\d{4}-\d{2}-\d{2}$/.test(document.identity.tanggalEfektif)
            ? document.identity.tanggalEfektif
            : '2019-01-02',
          note: 'Versi awal (data demo).',
          publishedBy: adminId,
          publishedAt: now.toISOString(),
        })),
      );
      await tx.insert(auditEvents).values(
        published.map(({ seed, sopId }) => ({
          agencyId,
          actorId: adminId,
          action: 'sop.published',
          sopId,
          data: { number: 1, seed: seed.slug },
          at: now.toISOString(),
        })),
      );
    }
    return { agencyId, users: DEMO_USERS.map((u) => u.username), sops: seeds.length, sopIds };
  });
}
