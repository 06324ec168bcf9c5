import { describe, expect, it } from 'vitest';
import { readApiError } from './api-error.ts';

/** An error shaped like @trpc/client's TRPCClientError, with the server's formatted data. */
function trpcError(message: string, data: Record<string, unknown> | null): Error {
  return Object.assign(new Error(message), { name: 'TRPCClientError', data });
}

describe('readApiError', () => {
  it('reads the application code, both messages and the field issues', () => {
    const err = trpcError('Draf sudah diubah orang lain.', {
      code: 'CONFLICT',
      appCode: 'DRAFT_CONFLICT',
      messageEn: 'The draft was changed by someone else.',
      issues: [{ path: 'name', message: 'Nama wajib diisi.' }],
    });
    expect(readApiError(err)).toEqual({
      code: 'DRAFT_CONFLICT',
      message: { id: 'Draf sudah diubah orang lain.', en: 'The draft was changed by someone else.' },
      issues: [{ path: 'name', message: 'Nama wajib diisi.' }],
    });
  });

  it('falls back to the tRPC code and the one message', () => {
    const info = readApiError(trpcError('No procedure found on path "x.y"', { code: 'NOT_FOUND' }));
    expect(info.code).toBe('NOT_FOUND');
    expect(info.message.en).toBe('No procedure found on path "x.y"');
  });

  it('reads a network failure or any thrown value without a code', () => {
    expect(readApiError(trpcError('Failed to fetch', null)).code).toBeNull();
    expect(readApiError(new TypeError('Failed to fetch'))).toEqual({
      code: null,
      message: { id: 'Failed to fetch', en: 'Failed to fetch' },
      issues: [],
    });
    expect(readApiError('boom').message.id).toBe('boom');
  });

  it('keeps form issues with their code and English message, from data or from details', () => {
    const issue = {
      path: 'nik',
      code: 'NIK_INVALID',
      message: 'NIK tidak valid: …',
      messageEn: 'Invalid NIK: …',
    };
    const direct = trpcError('Data formulir tidak valid.', {
      code: 'BAD_REQUEST',
      appCode: 'INVALID_FORM_DATA',
      issues: [issue, { path: 'x' }, null, { path: ['a', 0], message: 'm' }],
    });
    expect(readApiError(direct)).toMatchObject({
      code: 'INVALID_FORM_DATA',
      issues: [issue, { path: 'a.0', message: 'm' }],
    });
    const nested = trpcError('Data formulir tidak valid.', {
      code: 'BAD_REQUEST',
      appCode: 'INVALID_FORM_DATA',
      details: { issues: [issue] },
    });
    expect(readApiError(nested).issues).toEqual([issue]);
  });
});
