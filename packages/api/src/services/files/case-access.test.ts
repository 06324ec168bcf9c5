import type { SopDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { checkUploadField } from './case-access.ts';

const bare = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi', e: 'end@kasi' },
  flows: ['s > a > e'],
});

describe('checkUploadField', () => {
  it('refuses malformed keys and any key of an SOP without upload slots', () => {
    expect(checkUploadField(bare, 'scan_ktp')).toMatchObject({
      ok: false,
      en: expect.stringMatching(/no data field/),
    });
    for (const bad of ['', 'KTP', '1ktp', 'ktp-baru', 'a'.repeat(65), '../x']) {
      expect(checkUploadField(bare, bad).ok, bad).toBe(false);
    }
  });

  it('accepts only the file fields the document defines', () => {
    const v2 = {
      ...bare,
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
