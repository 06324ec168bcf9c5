import type { Database } from '../../db/client.ts';
import type { Permission } from '../../db/schema.ts';
import { type CliCommand, UsageError } from '../cli-io.ts';

// The database drivers, drizzle and argon2 are imported inside the commands that use them, so
// that `alur validate` and the other file commands start without loading them.

/** Opens the configured store (DATABASE_URL, else PGlite in ALUR_DATA_DIR or ./data), migrated. */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { createDb, migrateDb, readDbConfig } = await import('../../db/client.ts');
  const config = readDbConfig();
  const database = await createDb(config);
  try {
    await migrateDb(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Reads `--name value` options; refuses unknown ones. */
function readOptions(args: string[], known: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!known.includes(a)) throw new UsageError(`Opsi tidak dikenal: ${a} (unknown option)`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`Opsi ${a} butuh nilai (needs a value).`);
    out.set(a, v);
    i++;
  }
  return out;
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'alur migrate',
  summary: 'Menerapkan migrasi basis data (DATABASE_URL atau PGlite di ALUR_DATA_DIR)',
  async run(args, io) {
    if (args.length) throw new UsageError('migrate tidak menerima argumen.');
    await withDatabase(async (db) => io.out(`Migrasi selesai (${db.kind}).`));
    return 0;
  },
};

export const seedCommand: CliCommand = {
  name: 'seed',
  usage: 'alur seed --demo',
  summary: 'Memuat data demo (instansi, jabatan, pengguna demo, 21 SOP contoh) ke basis data kosong',
  async run(args, io) {
    if (args.length !== 1 || args[0] !== '--demo') {
      throw new UsageError('Sebut --demo: data demo membuat akun dengan kata sandi yang diketahui umum.');
    }
    const { DEMO_PASSWORD, isEmptyDatabase, loadDemoData } = await import('../../services/demo.ts');
    const { loadSeeds } = await import('../../seeds/load-seeds.ts');
    return withDatabase(async (db) => {
      if (!(await isEmptyDatabase(db.db))) {
        io.err('Basis data sudah berisi data; data demo hanya dimuat ke basis data kosong.');
        return 1;
      }
      const seeds = loadSeeds();
      const demo = await loadDemoData(db.db, seeds, new Date());
      const { loadDemoLetters } = await import('../../services/letters/demo-letters.ts');
      const { createFileService, readFilesConfig } = await import('../../services/files/file-service.ts');
      const files = createFileService(db, readFilesConfig());
      try {
        await loadDemoLetters({ database: db, store: files.store, now: new Date() }, demo, seeds);
      } finally {
        await files.store.close();
      }
      io.out(
        `Data demo dimuat: ${demo.sops} SOP; pengguna ${demo.users.join(', ')} (kata sandi "${DEMO_PASSWORD}").`,
      );
      return 0;
    });
  },
};

export const agencyAddCommand: CliCommand = {
  name: 'agency add',
  usage: 'alur agency add --slug <slug> --name <nama> [--tz Asia/Jakarta] [--address <alamat>]',
  summary: 'Membuat instansi (OPD) baru',
  async run(args, io) {
    const o = readOptions(args, ['--slug', '--name', '--tz', '--address']);
    const slug = o.get('--slug');
    const name = o.get('--name');
    if (!slug || !name) throw new UsageError('--slug dan --name wajib.');
    const { agencies } = await import('../../db/schema.ts');
    return withDatabase(async (db) => {
      const [row] = await db.db
        .insert(agencies)
        .values({ slug, name, timeZone: o.get('--tz') ?? 'Asia/Jakarta', address: o.get('--address') ?? '' })
        .onConflictDoNothing()
        .returning({ id: agencies.id });
      if (!row) {
        io.err(`Instansi "${slug}" sudah ada.`);
        return 1;
      }
      io.out(`Instansi dibuat: ${slug} (${row.id}).`);
      return 0;
    });
  },
};

export const userAddCommand: CliCommand = {
  name: 'user add',
  usage: `alur user add --agency <slug> --username <nama> --name <nama lengkap> --permissions admin,designer,staff,leader [--positions kasi,staf]  (kata sandi dibaca dari ALUR_PASSWORD atau stdin)`,
  summary: 'Membuat pengguna (kata sandi tidak pernah di baris perintah)',
  async run(args, io) {
    const o = readOptions(args, ['--agency', '--username', '--name', '--permissions', '--positions']);
    const agency = o.get('--agency');
    const username = o.get('--username');
    if (!agency || !username) throw new UsageError('--agency dan --username wajib.');
    const { agencies, PERMISSIONS } = await import('../../db/schema.ts');
    const permissions = (o.get('--permissions') ?? 'staff').split(',').filter(Boolean);
    const bad = permissions.filter((p) => !(PERMISSIONS as readonly string[]).includes(p));
    if (bad.length)
      throw new UsageError(`Hak tidak dikenal: ${bad.join(', ')} (pilih ${PERMISSIONS.join(', ')}).`);
    const password = process.env.ALUR_PASSWORD ?? (await readStdin()).trim();
    if (password.length < 10) {
      io.err('Kata sandi paling sedikit 10 karakter (ALUR_PASSWORD atau stdin).');
      return 1;
    }
    const { eq } = await import('drizzle-orm');
    const { createUser } = await import('../../services/admin-users.ts');
    const { DEMO_AGENCY } = await import('../../services/demo.ts');
    return withDatabase(async (db) => {
      const [row] = await db.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, agency));
      if (!row) {
        io.err(
          `Instansi "${agency}" tidak ada. Buat dengan: alur agency add (atau alur seed --demo untuk "${DEMO_AGENCY.slug}").`,
        );
        return 1;
      }
      const { userId } = await createUser(
        db.db,
        {
          agencyId: row.id,
          username,
          displayName: o.get('--name') ?? username,
          password,
          permissions: permissions as Permission[],
          positions: (o.get('--positions') ?? '').split(',').filter(Boolean),
        },
        null,
        new Date(),
      );
      io.out(`Pengguna dibuat: ${username} (${userId}).`);
      return 0;
    });
  },
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
