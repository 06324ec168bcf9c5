import type { SopDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { checkUploadField } from './case-access.ts';

const v1 = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi', e: 'end@kasi' },
  flows: ['s > a > e'],
});

describe('checkUploadField', () => {
  it('accepts any well-formed key on a document without data fields', () => {
    expect(checkUploadField(v1, 'scan_ktp')).toEqual({ ok: true });
    for (const bad of ['', 'KTP', '1ktp', 'ktp-baru', 'a'.repeat(65), '../x']) {
      expect(checkUploadField(v1, bad).ok, bad).toBe(false);
    }
  });

  it('accepts only file fields when the document defines data fields', () => {
    const v2 = {
      ...v1,
      dataFields: [
        { key: 'scan_ktp', label: 'Scan KTP', type: 'file' },
        { key: 'nik', label: 'NIK', type: 'nik' },
      ],
    } as SopDocument;
    expect(checkUploadField(v2, 'scan_ktp')).toEqual({ ok: true });
    expect(checkUploadField(v2, 'nik')).toMatchObject({
      ok: false,
      en: expect.stringMatching(/not a file field/),
    });
    expect(checkUploadField(v2, 'kk')).toMatchObject({
      ok: false,
      en: expect.stringMatching(/no data field/),
    });
  });
});
