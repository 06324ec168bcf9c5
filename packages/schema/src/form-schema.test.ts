import { describe, expect, it } from 'vitest';
import type { NodeField } from './data-fields.ts';
import { buildFormSchema, describeForm, validateFormData } from './form-schema.ts';
import { caseFileDoc } from './testing/case-file.ts';

const all = (mode: NodeField['mode']): NodeField[] =>
  [
    'nama_pemohon',
    'nik',
    'alamat',
    'telepon',
    'email',
    'jumlah_tanggungan',
    'penghasilan',
    'tanggal_lahir',
    'keperluan',
    'layak',
    'ktp',
    'foto_rumah',
  ].map((key) => ({ key, mode }));
const doc = caseFileDoc({
  s: [
    { key: 'nama_pemohon', mode: 'require' },
    { key: 'nik', mode: 'require' },
    { key: 'alamat', mode: 'edit' },
    { key: 'ktp', mode: 'edit' },
  ],
  a: [
    { key: 'nama_pemohon', mode: 'read' },
    { key: 'ktp', mode: 'require' },
  ],
  d: all('edit'),
});
const OPTS = { currentYear: 2026 };

describe('describeForm', () => {
  it('lists the node’s fields in order with label, type, mode and personal flag', () => {
    expect(describeForm(doc, 's')).toEqual([
      { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text', mode: 'require', personal: false },
      { key: 'nik', label: 'NIK', type: 'nik', mode: 'require', personal: true },
      { key: 'alamat', label: 'Alamat', type: 'longtext', mode: 'edit', personal: true },
      {
        key: 'ktp',
        label: 'Scan KTP',
        type: 'file',
        mode: 'edit',
        personal: false,
        multiple: false,
        kelengkapan: 'Fotokopi KTP',
      },
    ]);
    expect(describeForm(doc, 'd').find((f) => f.key === 'keperluan')?.options).toEqual([
      'Subsidi listrik',
      'KIP',
    ]);
    expect(describeForm(doc, 'nope')).toEqual([]);
  });
});

describe('validateFormData', () => {
  it('accepts a complete start form and returns the cleaned values', () => {
    const r = validateFormData(
      doc,
      's',
      { nama_pemohon: '  Siti Aminah ', nik: '3328 0945 0190 0003', alamat: '' },
      OPTS,
    );
    expect(r).toEqual({
      ok: true,
      values: { nama_pemohon: 'Siti Aminah', nik: '3328094501900003', alamat: null },
    });
  });

  it('names every missing required field at once, with path = key', () => {
    const r = validateFormData(doc, 's', {}, OPTS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => [i.path, i.code])).toEqual([
        ['nama_pemohon', 'REQUIRED'],
        ['nik', 'REQUIRED'],
      ]);
      expect(r.issues[0]!.message).toBe('"Nama pemohon" wajib diisi.');
      expect(r.issues[0]!.messageEn).toBe('"Nama pemohon" is required.');
    }
  });

  it('treats blank text as missing for a required field', () => {
    const r = validateFormData(doc, 's', { nama_pemohon: '   ', nik: '3328094501900003' }, OPTS);
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'nama_pemohon', code: 'REQUIRED' }] });
  });

  it('counts a value the case already holds: a required field filled earlier or a file uploaded', () => {
    expect(validateFormData(doc, 'a', {}, { current: { ktp: ['f1'] } })).toEqual({ ok: true, values: {} });
    const r = validateFormData(doc, 'a', {}, { current: { ktp: [] } });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ path: 'ktp', code: 'REQUIRED', message: 'Berkas "Scan KTP" wajib diunggah.' }],
    });
  });

  it('refuses a key that is not on the form and one that the step may only read', () => {
    const r = validateFormData(doc, 'a', { ktp: 'f1', nama_pemohon: 'X', hack: 1 }, OPTS);
    expect(r).toMatchObject({
      ok: false,
      issues: [
        { path: 'nama_pemohon', code: 'READ_ONLY' },
        { path: 'hack', code: 'NOT_ON_FORM' },
      ],
    });
  });

  it('says why a NIK is invalid', () => {
    const r = validateFormData(doc, 's', { nama_pemohon: 'A', nik: '9928094501900003' }, OPTS);
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'nik', code: 'NIK_INVALID' }] });
    if (!r.ok) expect(r.issues[0]!.message).toBe('NIK tidak valid: Kode provinsi 99 pada NIK tidak dikenal.');
  });

  const cases: [string, unknown, unknown][] = [
    ['telepon', '0812-3456-7890', '081234567890'],
    ['telepon', '+62 812 3456 7890', '081234567890'],
    ['email', ' siti@example.id ', 'siti@example.id'],
    ['jumlah_tanggungan', '4', 4],
    ['jumlah_tanggungan', '1.250,5', 1250.5],
    ['jumlah_tanggungan', 3, 3],
    ['penghasilan', 'Rp 1.500.000', 1_500_000],
    ['penghasilan', '750000', 750_000],
    ['penghasilan', 'Rp1.500.000,00', 1_500_000],
    ['tanggal_lahir', '1990-01-05', '1990-01-05'],
    ['keperluan', 'KIP', 'KIP'],
    ['layak', false, false],
    ['layak', 'ya', true],
    ['ktp', 'f1', ['f1']],
    ['foto_rumah', ['f1', 'f2', 'f1'], ['f1', 'f2']],
  ];
  it.each(cases)('cleans %s = %j to %j', (key, value, expected) => {
    expect(validateFormData(doc, 'd', { [key]: value }, OPTS)).toEqual({
      ok: true,
      values: { [key]: expected },
    });
  });

  const wrong: [string, unknown, string][] = [
    ['nama_pemohon', 42, 'WRONG_TYPE'],
    ['nama_pemohon', 'x'.repeat(1001), 'TOO_LONG'],
    ['telepon', '12345', 'PHONE_INVALID'],
    ['telepon', '0812abc', 'PHONE_INVALID'],
    ['email', 'siti@', 'EMAIL_INVALID'],
    ['jumlah_tanggungan', '1.5', 'NUMBER_INVALID'],
    ['jumlah_tanggungan', 'empat', 'NUMBER_INVALID'],
    ['penghasilan', -5, 'MONEY_INVALID'],
    ['penghasilan', '1.500.000,50', 'MONEY_INVALID'],
    ['penghasilan', 10.5, 'MONEY_INVALID'],
    ['tanggal_lahir', '2026-02-30', 'DATE_INVALID'],
    ['tanggal_lahir', '05/01/1990', 'DATE_INVALID'],
    ['keperluan', 'Lainnya', 'CHOICE_INVALID'],
    ['layak', 'mungkin', 'WRONG_TYPE'],
    ['ktp', ['f1', 'f2'], 'FILE_INVALID'],
    ['ktp', '../../etc/passwd', 'FILE_INVALID'],
  ];
  it.each(wrong)('refuses %s = %j with %s', (key, value, code) => {
    const r = validateFormData(doc, 'd', { [key]: value }, OPTS);
    expect(r).toMatchObject({ ok: false, issues: [{ path: key, code }] });
  });

  it.each([null, 'teks', [1]])('refuses data %j that is not an object', (data) => {
    expect(validateFormData(doc, 'd', data)).toMatchObject({
      ok: false,
      issues: [{ path: '', code: 'WRONG_TYPE' }],
    });
  });
});

describe('buildFormSchema', () => {
  it('parses to the cleaned values', () => {
    const schema = buildFormSchema(doc, 's', OPTS);
    expect(schema.parse({ nama_pemohon: 'Siti', nik: '3328094501900003' })).toEqual({
      nama_pemohon: 'Siti',
      nik: '3328094501900003',
    });
  });

  it('reports issues as zod issues with path [key], the Indonesian message and the code', () => {
    const r = buildFormSchema(doc, 's', OPTS).safeParse({ nik: '123' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.path)).toEqual([['nik'], ['nama_pemohon']]);
      expect(r.error.issues[0]).toMatchObject({
        message: expect.stringContaining('16 angka'),
        params: { code: 'NIK_INVALID', messageEn: expect.stringContaining('16 digits') },
      });
    }
  });
});
