import { describe, expect, it } from 'vitest';
import { groupFilesByField, labelFromKey } from '../lib/case-file.ts';
import { displayFieldValue } from './field-display.ts';
import {
  checkDraft,
  collectSubmission,
  createDraft,
  describeNikInput,
  editDraft,
  type FormFieldView,
  formatFileSize,
  formatMoneyTyping,
  formatRupiah,
  mapIssues,
  parseRupiah,
  toSubmittedValue,
} from './form-draft.ts';
import { buildUploadForm, readUploadRefusal } from './upload.ts';

// 3328094501900003: Jawa Tengah, Kab. Tegal, a woman born 5 January 1990 (DOMAIN.md §5a).
const NIK = '3328094501900003';

const field = (f: Partial<FormFieldView> & Pick<FormFieldView, 'key' | 'type'>): FormFieldView => ({
  label: f.key,
  mode: 'edit',
  personal: false,
  ...f,
});

/** The DTKS start form in short: name and NIK required, an amount, a scan of the KTP. */
const startForm: FormFieldView[] = [
  field({ key: 'nama', type: 'text', label: 'Nama pemohon', mode: 'require' }),
  field({ key: 'nik', type: 'nik', label: 'NIK', mode: 'require', personal: true }),
  field({ key: 'penghasilan', type: 'money', label: 'Penghasilan' }),
  field({ key: 'scan_ktp', type: 'file', label: 'Scan KTP', kelengkapan: 'Fotokopi KTP', multiple: false }),
];

describe('money', () => {
  it('groups whole Rupiah with dots', () => {
    expect(formatRupiah(0)).toBe('0');
    expect(formatRupiah(999)).toBe('999');
    expect(formatRupiah(1000)).toBe('1.000');
    expect(formatRupiah(1_500_000)).toBe('1.500.000');
    expect(formatRupiah(123_456_789_012)).toBe('123.456.789.012');
  });

  it('re-formats what is typed: digits only, no cents, no leading zeros', () => {
    expect(formatMoneyTyping('1500000')).toBe('1.500.000');
    expect(formatMoneyTyping('1.500.0001')).toBe('15.000.001');
    expect(formatMoneyTyping('Rp 2.000,50')).toBe('2.000');
    expect(formatMoneyTyping('007')).toBe('7');
    expect(formatMoneyTyping('abc')).toBe('');
    expect(formatMoneyTyping('')).toBe('');
  });

  it('reads the input back as a whole number, and refuses text that is not an amount', () => {
    expect(parseRupiah('1.500.000')).toBe(1_500_000);
    expect(parseRupiah('Rp 750.000')).toBe(750_000);
    expect(parseRupiah('1.500.000,00')).toBe(1_500_000);
    expect(parseRupiah('satu juta')).toBeNull();
    expect(parseRupiah('')).toBeNull();
    expect(parseRupiah('9'.repeat(16))).toBeNull();
  });

  it('sends money as a number, and unreadable text as typed so the shared check names it', () => {
    expect(toSubmittedValue({ type: 'money' }, '1.500.000')).toBe(1_500_000);
    expect(toSubmittedValue({ type: 'money' }, 'sejuta')).toBe('sejuta');
    expect(toSubmittedValue({ type: 'money' }, '  ')).toBeNull();
    expect(toSubmittedValue({ type: 'yesno' }, 'ya')).toBe(true);
    expect(toSubmittedValue({ type: 'yesno' }, 'tidak')).toBe(false);
    expect(
      toSubmittedValue({ type: 'file' }, [
        { fileId: 'f1', name: 'a.png', size: 1, contentType: 'image/png' },
      ]),
    ).toEqual(['f1']);
  });
});

describe('which fields are sent', () => {
  it('sends only the fields the user edited, never a read-only one', () => {
    const form = [...startForm, field({ key: 'catatan', type: 'text', mode: 'read', value: 'lama' })];
    let draft = createDraft(form);
    draft = editDraft(draft, 'nama', 'Siti Aminah');
    draft = editDraft(draft, 'penghasilan', '1.250.000');
    draft = editDraft(draft, 'catatan', 'diubah');
    expect(collectSubmission(form, draft)).toEqual({ nama: 'Siti Aminah', penghasilan: 1_250_000 });
  });

  it('does not send a masked personal value back: its input starts empty, the mask is a hint', () => {
    const form: FormFieldView[] = [
      field({ key: 'nik', type: 'nik', mode: 'edit', personal: true, value: '3328********0003' }),
      field({ key: 'nama', type: 'text', mode: 'edit', value: 'Siti Aminah' }),
    ];
    const draft = createDraft(form);
    expect(draft.values).toEqual({ nik: '', nama: 'Siti Aminah' });
    expect(collectSubmission(form, draft)).toEqual({});
    // Clearing a non-personal value sends null, which clears it.
    expect(collectSubmission(form, editDraft(draft, 'nama', ''))).toEqual({ nama: null });
  });

  it('lists the case files of a file field and sends the slot only when it changed', () => {
    const form = [field({ key: 'scan_kk', type: 'file', mode: 'require', multiple: true })];
    const files = [
      { fileId: 'kk1', field: 'scan_kk', name: 'kk.pdf', size: 10, contentType: 'application/pdf' },
      { fileId: 'x', field: 'other', name: 'x.pdf', size: 10, contentType: 'application/pdf' },
    ];
    const draft = createDraft(form, files);
    expect(draft.values.scan_kk).toEqual([
      { fileId: 'kk1', name: 'kk.pdf', size: 10, contentType: 'application/pdf', existing: true },
    ]);
    expect(collectSubmission(form, draft)).toEqual({});
    const added = editDraft(draft, 'scan_kk', [
      ...(draft.values.scan_kk as []),
      { fileId: 'kk2', name: 'kk2.png', size: 5, contentType: 'image/png' },
    ]);
    expect(collectSubmission(form, added)).toEqual({ scan_kk: ['kk1', 'kk2'] });
  });
});

describe('checking before sending (the server’s own check)', () => {
  it('names every missing required field and a wrong NIK, in Indonesian and English', () => {
    let draft = createDraft(startForm);
    draft = editDraft(draft, 'nik', '3328094501900000');
    const issues = checkDraft(startForm, draft, 2026);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['nik', 'NIK_INVALID'],
      ['nama', 'REQUIRED'],
    ]);
    expect(issues[1]!.message).toBe('"Nama pemohon" wajib diisi.');
    expect(issues[1]!.messageEn).toBe('"Nama pemohon" is required.');
  });

  it('accepts a filled form, and counts masked current values and existing files as filled', () => {
    let draft = createDraft(startForm);
    draft = editDraft(draft, 'nama', 'Siti');
    draft = editDraft(draft, 'nik', `${NIK.slice(0, 4)} ${NIK.slice(4)}`);
    expect(checkDraft(startForm, draft, 2026)).toEqual([]);

    const taskForm: FormFieldView[] = [
      field({ key: 'nik', type: 'nik', mode: 'require', personal: true, value: '3328********0003' }),
      field({ key: 'scan_ktp', type: 'file', mode: 'require', value: ['k1'] }),
      field({ key: 'scan_kk', type: 'file', mode: 'require', label: 'Scan KK' }),
    ];
    const files = [{ fileId: 'k1', field: 'scan_ktp', name: 'ktp.png', size: 1, contentType: 'image/png' }];
    const issues = checkDraft(taskForm, createDraft(taskForm, files), 2026);
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'scan_kk',
        code: 'REQUIRED',
        message: 'Berkas "Scan KK" wajib diunggah.',
      }),
    ]);
  });
});

describe('mapIssues', () => {
  it('puts each issue under its field (a zod path "data.x" too) and the rest in general', () => {
    const map = mapIssues(
      [
        { path: 'nik', code: 'NIK_INVALID', message: 'NIK tidak valid', messageEn: 'Invalid NIK' },
        { path: 'data.nama', message: 'wajib' },
        { path: 'title', message: 'Judul wajib' },
        { path: '', message: 'objek' },
        { path: 'nik', message: 'kedua' },
      ],
      startForm,
      'en',
    );
    expect(map.byField).toEqual({ nik: ['Invalid NIK', 'kedua'], nama: ['wajib'] });
    expect(map.general).toEqual(['Judul wajib', 'objek']);
  });
});

describe('describeNikInput', () => {
  it('counts digits while typing, decodes a valid NIK, explains an invalid one', () => {
    expect(describeNikInput('', 2026)).toEqual({ state: 'empty' });
    expect(describeNikInput('3328 09', 2026)).toEqual({ state: 'typing', digits: 6 });
    expect(describeNikInput(NIK, 2026)).toEqual({
      state: 'ok',
      provinceName: 'Jawa Tengah',
      sex: 'P',
      birthDate: '1990-01-05',
    });
    const bad = describeNikInput('9928094501900003', 2026);
    expect(bad.state).toBe('bad');
    expect(bad.state === 'bad' && bad.message.id).toMatch(/provinsi/i);
    expect(describeNikInput('33280945019000031', 2026).state).toBe('bad');
  });
});

describe('uploads', () => {
  it('puts the target and field before the file, as the server reads them', () => {
    const blob = new Blob(['x'], { type: 'image/png' });
    const staged = [...buildUploadForm({ sopId: 's1' }, 'scan_ktp', blob, 'ktp.png').keys()];
    expect(staged).toEqual(['sopId', 'field', 'file']);
    const inTask = buildUploadForm({ caseId: 'c1', taskId: 't1' }, 'scan_kk', blob, 'kk.png');
    expect([...inTask.keys()]).toEqual(['caseId', 'taskId', 'field', 'file']);
    expect(inTask.get('taskId')).toBe('t1');
  });

  it('reads a refusal body, or says the status when there is none', () => {
    const refused = readUploadRefusal(
      415,
      JSON.stringify({
        error: { code: 'UPLOAD_TYPE', message: 'Jenis berkas tidak diterima', messageEn: 'Not accepted' },
      }),
    );
    expect([refused.code, refused.messages.id, refused.messages.en]).toEqual([
      'UPLOAD_TYPE',
      'Jenis berkas tidak diterima',
      'Not accepted',
    ]);
    expect(readUploadRefusal(502, '<html>').messages.id).toBe('Unggahan gagal (HTTP 502).');
  });
});

describe('showing values', () => {
  const words = { yes: 'Ya', no: 'Tidak', none: '—' };
  it('writes money, yes/no and dates for people, and leaves masks alone', () => {
    expect(displayFieldValue('money', 2_500_000, words, 'id')).toBe('Rp 2.500.000');
    expect(displayFieldValue('yesno', false, words, 'id')).toBe('Tidak');
    expect(displayFieldValue('date', '1990-01-05', words, 'id')).toBe('5 Januari 1990');
    expect(displayFieldValue('date', '****', words, 'id')).toBe('****');
    expect(displayFieldValue('nik', '3328********0003', words, 'id')).toBe('3328********0003');
    expect(displayFieldValue('text', null, words, 'id')).toBe('—');
  });

  it('formats file sizes', () => {
    expect(formatFileSize(850)).toBe('850 B');
    expect(formatFileSize(12_595)).toBe('12,3 KB');
    expect(formatFileSize(4_300_000, 'en')).toBe('4.1 MB');
  });

  it('groups case files by field in the SOP order, unknown fields last', () => {
    const f = (fileId: string, fieldKey: string) => ({
      fileId,
      field: fieldKey,
      name: fileId,
      size: 1,
      contentType: 'image/png',
      uploadedAt: '2026-12-01T00:00:00Z',
    });
    const groups = groupFilesByField(
      [f('a', 'scan_kk'), f('b', 'gone'), f('c', 'scan_ktp'), f('d', 'scan_kk')],
      [
        { key: 'scan_ktp', label: 'Scan KTP', kelengkapan: 'Fotokopi KTP' },
        { key: 'scan_kk', label: 'Scan KK' },
        { key: 'nama', label: 'Nama' },
      ],
    );
    expect(groups.map((g) => [g.key, g.kelengkapan ?? null, g.files.map((x) => x.fileId)])).toEqual([
      ['scan_ktp', 'Fotokopi KTP', ['c']],
      ['scan_kk', null, ['a', 'd']],
      ['', null, ['b']],
    ]);
    expect(labelFromKey('nama_pemohon')).toBe('Nama pemohon');
  });
});
