import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './main.ts';

const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = resolve(API_DIR, '../../seeds');
const BIN = join(API_DIR, 'bin', 'alur.mjs');

/** Spawns the real `alur` bin (the compiled CLI, bundled first if stale) and collects its output and exit code. */
function runAlur(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runNode([BIN, ...args]);
}

function runNode(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: API_DIR, env: { ...process.env, INIT_CWD: API_DIR } },
      (error, out, err) => {
        done({ code: error ? Number(error.code ?? 1) : 0, out, err });
      },
    );
  });
}

describe('alur CLI', () => {
  it('alur --help lists the commands and exits 0', async () => {
    const r = await runAlur('--help');
    expect(r.code).toBe(0);
    for (const c of ['validate', 'import', 'summary']) expect(r.out).toContain(`alur ${c}`);
  });

  it('every command of the table is listed by --help under its own name', async () => {
    const r = await runAlur('--help');
    for (const entry of COMMANDS) {
      expect((await entry.load()).name).toBe(entry.name);
      expect(r.out).toContain(`alur ${entry.name}`);
    }
  });

  it('validate loads no database driver, archiver, cloud SDK or document library (a fast start)', async () => {
    // A module hook records every import the process resolves.
    const log = join(mkdtempSync(join(tmpdir(), 'alur-cli-')), 'resolved.txt');
    const hooks = `import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
        return next(specifier, context);
      }`;
    const register = `import { register } from 'node:module';
      register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const r = await runNode([
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
      BIN,
      'validate',
      join(SEEDS, 'tegal-lakip.json'),
    ]);
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n');
    // The hook saw the imports: the validate command's own chunk, imported when the command runs.
    expect(loaded.some((s) => /^\.\/validate-\w+\.js$/.test(s))).toBe(true);
    const heavy = ['@electric-sql/pglite', 'postgres', 'drizzle-orm', '@node-rs/argon2', 'archiver'];
    heavy.push('exceljs', 'docxtemplater', 'pizzip', '@aws-sdk/client-s3', 'date-holidays');
    expect(loaded.filter((s) => heavy.some((h) => s === h || s.startsWith(`${h}/`)))).toEqual([]);
    // Some npm packages are bundled into dist/ (scripts/bundle.mjs), so they are no imports: the
    // bundle's files the process loaded must not hold drizzle-orm either (esbuild marks each
    // bundled file with a `// <path>` line).
    const chunks = [...new Set(loaded.filter((s) => /^\.\/[\w-]+\.js$/.test(s)))];
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      expect(readFileSync(join(API_DIR, 'dist', chunk), 'utf8')).not.toMatch(
        /^\/\/ .*node_modules\/drizzle-orm\//m,
      );
    }
  });

  it('exits 2 on an unknown command, a missing file and an unknown option', async () => {
    expect((await runAlur('frobnicate')).code).toBe(2);
    const missing = await runAlur('validate', 'tidak-ada.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('tidak-ada.json');
    expect((await runAlur('summary', join(SEEDS, 'tegal-lakip.json'), '--yaml')).code).toBe(2);
    expect((await runAlur()).code).toBe(2);
  });

  it('validate: a seed is valid (0); a broken document lists issues in Indonesian with element ids (1)', async () => {
    const ok = await runAlur('validate', join(SEEDS, 'tegal-lakip.json'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('sah');
    const doc = JSON.parse(readFileSync(join(SEEDS, 'tegal-lakip.json'), 'utf8'));
    doc.edges = doc.edges.filter((e: { id: string }) => e.id !== 'e-r6-tidak');
    const file = join(mkdtempSync(join(tmpdir(), 'alur-cli-')), 'rusak.json');
    writeFileSync(file, JSON.stringify(doc));
    const bad = await runAlur('validate', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/DECISION_EXITS \[node r6\] Langkah 6 «[^»]+»: keputusan ini harus punya/);
    writeFileSync(file, '{ bukan json');
    expect((await runAlur('validate', file)).code).toBe(1);
  });

  it('import --json returns every table of a multi-SOP file', async () => {
    const r = await runAlur('import', join(SEEDS, 'source', 'tegal-2019.txt'), '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out) as {
      ok: boolean;
      document: { identity: { nama: string } };
      report: { guesses: unknown[] };
    }[];
    expect(results).toHaveLength(20);
    expect(results.every((x) => x.ok)).toBe(true);
    expect(results[0]!.document.identity.nama).toContain('LAKIP');
    expect(results[0]!.report.guesses.length).toBeGreaterThan(0);
  });

  it('import prints the table and the report for people', async () => {
    const r = await runAlur('import', join(SEEDS, 'scripts', 'palangka-raya.tsv'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('SOP: PELAYANAN MOTIVASI');
    expect(r.out).toContain('Laporan impor');
  });

  it('summary --json prints exactly name, lanes, rows and totalWaktu', async () => {
    const r = await runAlur('summary', join(SEEDS, 'tegal-lakip.json'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(['name', 'lanes', 'rows', 'totalWaktu']);
    expect(s.lanes).toEqual([
      'Kepala Dinas',
      'Kabid Bina Program',
      'Kasi Perenc.',
      'Staf',
      'Bidang - Bidang',
    ]);
    expect(s.rows[5]).toEqual({
      no: 6,
      kegiatan: expect.stringContaining('Kabid Bina Program memeriksa'),
      lane: 'Kabid Bina Program',
      kind: 'decision',
      waktu: '30 menit',
      ya: 7,
      tidak: 5,
    });
    expect(Object.keys(s.rows[0])).toEqual(['no', 'kegiatan', 'lane', 'kind', 'waktu']);
  });

  it('summary of a table text imports it first', async () => {
    const r = await runAlur('summary', join(SEEDS, 'scripts', 'palangka-raya.tsv'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows).toHaveLength(6);
  });
});
