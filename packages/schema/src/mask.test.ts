import { describe, expect, it } from 'vitest';
import { isAddressField, isPersonalField } from './data-fields.ts';
import { maskCaseData, maskFieldValue, maskPersonalValue } from './mask.ts';
import { APPLICANT_FIELDS } from './testing/case-file.ts';

describe('isPersonalField', () => {
  it('defaults NIK, phone and addresses to personal, other types not', () => {
    const personal = APPLICANT_FIELDS.filter(isPersonalField).map((f) => f.key);
    expect(personal).toEqual(['nik', 'alamat', 'telepon']);
  });

  it('recognises an address by "alamat", "address" or "domisili" in key or label', () => {
    expect(isAddressField({ key: 'alamat_rumah', label: 'Rumah' })).toBe(true);
    expect(isAddressField({ key: 'tempat', label: 'Alamat domisili' })).toBe(true);
    expect(isAddressField({ key: 'home_address', label: 'Home' })).toBe(true);
    expect(isAddressField({ key: 'nama', label: 'Nama' })).toBe(false);
  });

  it('lets the designer override the default either way', () => {
    expect(isPersonalField({ key: 'nik', label: 'NIK', type: 'nik', personal: false })).toBe(false);
    expect(isPersonalField({ key: 'nama', label: 'Nama', type: 'text', personal: true })).toBe(true);
  });
});

describe('maskPersonalValue', () => {
  it.each([
    ['nik', '3328094501900003', '3328********0003'],
    ['phone', '081234567890', '0812*****890'],
    ['email', 'siti.aminah@example.id', 's***@example.id'],
    ['text', 'Siti Aminah', 'S*** A*****'],
    ['longtext', 'Jl. Melati No. 5, Slawi', 'J*. M***** N*. 5, S****'],
    ['date', '1990-01-05', '****'],
    ['money', 1_500_000, '****'],
  ] as const)('masks a %s', (type, value, masked) => {
    expect(maskPersonalValue(type, value)).toBe(masked);
  });

  it('masks a 16-digit number in a text field as a NIK (a nomor KK)', () => {
    expect(maskPersonalValue('text', '3328091203150001')).toBe('3328********0001');
  });

  it('leaves empty values and file ids as they are', () => {
    expect(maskPersonalValue('nik', null)).toBeNull();
    expect(maskPersonalValue('text', '')).toBe('');
    expect(maskPersonalValue('file', ['f1'])).toEqual(['f1']);
  });
});

describe('maskCaseData', () => {
  it('masks personal values only, and values of fields the SOP no longer defines', () => {
    const masked = maskCaseData(APPLICANT_FIELDS, {
      nama_pemohon: 'Siti Aminah',
      nik: '3328094501900003',
      keperluan: 'KIP',
      lama: 'Rahasia',
    });
    expect(masked).toEqual({
      nama_pemohon: 'Siti Aminah',
      nik: '3328********0003',
      keperluan: 'KIP',
      lama: 'R******',
    });
  });

  it('maskFieldValue returns a non-personal value unchanged', () => {
    expect(maskFieldValue({ key: 'jumlah', label: 'Jumlah', type: 'number' }, 4)).toBe(4);
  });
});
