import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../auth/sessions.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { runCli } from '../main.ts';

// The CLI against a throw-away embedded store (the same code paths serve PostgreSQL).
let dir: string;
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alur-cli-'));
  delete process.env.DATABASE_URL;
  process.env.ALUR_DATA_DIR = dir;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: dir }, out, err };
}

describe('alur migrate / agency add / user add / seed', () => {
  it('creates an agency and a user who can then sign in', async () => {
    const c = capture();
    expect(await runCli(['migrate'], c.io)).toBe(0);
    expect(
      await runCli(
        ['agency', 'add', '--slug', 'dinsos-x', '--name', 'Dinas Sosial X', '--tz', 'Asia/Makassar'],
        c.io,
      ),
    ).toBe(0);
    process.env.ALUR_PASSWORD = 'sandi-yang-panjang';
    expect(
      await runCli(
        [
          'user',
          'add',
          '--agency',
          'dinsos-x',
          '--username',
          'budi',
          '--name',
          'Budi',
          '--permissions',
          'admin,staff',
        ],
        c.io,
      ),
    ).toBe(0);
    const db = await createDb({ kind: 'pglite', dataDir: dir });
    await migrateDb(db);
    const session = await login(db.db, {
      username: 'budi',
      password: 'sandi-yang-panjang',
      ip: '127.0.0.1',
      now: new Date(),
    });
    expect(session.user.permissions).toEqual(['admin', 'staff']);
    await db.close();
  });

  it('refuses a short password, an unknown permission and an unknown agency', async () => {
    const c = capture();
    process.env.ALUR_PASSWORD = 'pendek';
    expect(await runCli(['user', 'add', '--agency', 'dinsos-x', '--username', 'ani'], c.io)).toBe(1);
    process.env.ALUR_PASSWORD = 'sandi-yang-panjang';
    expect(
      await runCli(
        ['user', 'add', '--agency', 'dinsos-x', '--username', 'ani', '--permissions', 'root'],
        c.io,
      ),
    ).toBe(2);
    expect(await runCli(['user', 'add', '--agency', 'tidak-ada', '--username', 'ani'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/10 karakter/);
    expect(c.err.join('\n')).toMatch(/Hak tidak dikenal: root/);
    expect(c.err.join('\n')).toMatch(/Instansi "tidak-ada" tidak ada/);
  });

  it('loads demo data only when asked and only into an empty database', async () => {
    const c = capture();
    expect(await runCli(['seed'], c.io)).toBe(2);
    expect(await runCli(['seed', '--demo'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/basis data kosong/);
  });
});
