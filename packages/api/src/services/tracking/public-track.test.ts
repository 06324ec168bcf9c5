import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../seeds/load-seeds.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { shortenKegiatan, trackCase } from './public-track.ts';

/*
 * The adoption SOP (tegal-adopsi) works in parallel after row 4:
 *
 *   r1 Kadis → r2 → r3 Kabid → r4 Staf → fork ─┬─ r5 Kasi (home visit, 2 hari) ─┬─ join → r7 Kasi → r8 Staf
 *                                              └─ r6 Staf (home visit, 2 hari) ─┘
 *   → r9 Kasi ◇ (tidak → r8) → r10 Kabid ◇ → r11 Kadis ◇ → r12 … r16 → Selesai
 */

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp([loadSeed('tegal-adopsi')]);
});
afterAll(async () => {
  await app.close();
});

const byUser: Record<string, string> = { kadis: 'kadis', kabid: 'kabid', kasi: 'kasi', staf: 'staf' };

/** Completes the case's open task at `nodeId` as a holder of its position. */
async function complete(caseId: string, nodeId: string, outcome?: 'ya' | 'tidak') {
  const admin = await app.as('admin');
  const { tasks } = await admin.case.get({ caseId });
  const task = tasks.find((t) => t.nodeId === nodeId && (t.status === 'open' || t.status === 'claimed'))!;
  const worker = await app.as(byUser[task.positionKey]!);
  await worker.task.complete({ taskId: task.id, outcome });
}

async function track(code: string) {
  return (await trackCase(app.testDb.database.db, code))!.track;
}

describe('the public view of a case', () => {
  it('names each parallel branch, a decision as "diperiksa", and nothing once done', async () => {
    const kadis = await app.as('kadis');
    const [sop] = await kadis.sop.list();
    const started = await kadis.case.start({ sopId: sop!.id, title: 'Budi Santoso (COTA)' });
    const first = await track(started.trackingCode);
    expect(first.currentStep).toMatch(
      /^sedang diproses oleh Kepala Dinas \(Kepala Dinas Sosial memerintahkan/,
    );
    expect(first.status).toBe('active');
    // 10+10+10+10 menit, 2 hari (the longer branch counts once), then the straight path: days later.
    const days =
      (new Date(first.estimatedDoneAt!).getTime() - new Date(first.startedAt).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(2);
    expect(days).toBeLessThan(7);

    for (const node of ['r1', 'r2', 'r3', 'r4']) await complete(started.caseId, node);
    const parallel = await track(started.trackingCode);
    const phrases = parallel.currentStep!.split('; ');
    expect(phrases).toHaveLength(2);
    expect(phrases.some((p) => p.startsWith('sedang diproses oleh Kepala Seksi ('))).toBe(true);
    expect(phrases.some((p) => p.startsWith('sedang diproses oleh Staf ('))).toBe(true);

    for (const node of ['r5', 'r6', 'r7', 'r8']) await complete(started.caseId, node);
    expect((await track(started.trackingCode)).currentStep).toMatch(/^sedang diperiksa oleh Kepala Seksi \(/);

    await complete(started.caseId, 'r9', 'ya');
    await complete(started.caseId, 'r10', 'ya');
    await complete(started.caseId, 'r11', 'ya');
    for (const node of ['r12', 'r13', 'r14', 'r15', 'r16']) await complete(started.caseId, node);
    const done = await track(started.trackingCode);
    expect(done).toMatchObject({ status: 'completed', currentStep: null });
    expect(done.doneAt).not.toBeNull();
    expect(JSON.stringify(done)).not.toContain('Budi');
  });

  it('is null for unknown, malformed and empty codes', async () => {
    const db = app.testDb.database.db;
    expect(await trackCase(db, 'K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWX')).toBeNull();
    expect(await trackCase(db, 'UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(await trackCase(db, '')).toBeNull();
    expect(await trackCase(db, 'x'.repeat(10_000))).toBeNull();
  });
});

describe('shortenKegiatan', () => {
  it('keeps a short step whole and cuts a long one at a word, first sentence only', () => {
    expect(shortenKegiatan('Memeriksa berkas.')).toBe('Memeriksa berkas');
    expect(shortenKegiatan('Memeriksa berkas. Jika tidak lengkap dikembalikan.')).toBe('Memeriksa berkas');
    const long = shortenKegiatan(
      'Kasi Rehabilitasi Sosial Anak dan Lanjut Usia melaksanakan home visit ke keluarga calon orang tua angkat',
    );
    expect(long.length).toBeLessThanOrEqual(81);
    expect(long).toMatch(/^Kasi Rehabilitasi Sosial Anak dan Lanjut Usia melaksanakan home visit ke\S*…$/);
  });
});
