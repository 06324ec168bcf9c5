import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([]);
});
afterAll(async () => {
  await app.close();
});

describe('auth.demoAccounts (the login page hint)', () => {
  it('names no account outside demo mode, even with the demo agency present', async () => {
    app.deps.demo = false;
    expect(await app.anonymous().auth.demoAccounts()).toBeNull();
  });

  it('lists the active demo accounts and their password in demo mode, to anyone', async () => {
    app.deps.demo = true;
    const hint = await app.anonymous().auth.demoAccounts();
    expect(hint?.password).toBe('alur-demo');
    expect(hint?.accounts.map((a) => a.username)).toEqual(
      expect.arrayContaining(['admin', 'kadis', 'kasi', 'peksos', 'perancang', 'staf']),
    );
    expect(hint?.accounts.find((a) => a.username === 'kasi')?.displayName).toBe('Kepala Seksi (demo)');
  });
});
