import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([]);
});
afterAll(async () => {
  await app.close();
});

describe('demo calendar', () => {
  it('shows the 2026 SKB days off with their source, correcting the library’s Idul Fitri', async () => {
    const admin = await app.as('admin');
    const cal = await admin.admin.calendar.get({ year: 2026 });
    const day = (date: string) => cal.holidays.find((h) => h.date === date);
    expect(day('2026-03-21')).toMatchObject({ name: 'Idul Fitri 1447 H', kind: 'holiday' });
    expect(day('2026-03-22')).toMatchObject({ name: 'Idul Fitri 1447 H', kind: 'holiday' });
    expect(day('2026-03-20')).toMatchObject({ kind: 'cuti_bersama' });
    expect(day('2026-12-24')).toMatchObject({
      name: 'Cuti Bersama Kelahiran Yesus Kristus',
      kind: 'cuti_bersama',
    });
    // National days the decree and the library agree on stay the library's.
    expect(day('2026-08-17')).toMatchObject({ source: 'library' });
    expect(day('2026-12-25')).toMatchObject({ source: 'library' });
  });
});
