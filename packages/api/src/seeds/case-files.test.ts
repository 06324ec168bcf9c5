import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeForm,
  isPersonalField,
  parseDocument,
  type SopDocument,
  validateFormData,
} from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { listSeedSlugs, loadSeed, SEEDS_DIR } from './load-seeds.ts';

const raw = (slug: string) => JSON.parse(readFileSync(join(SEEDS_DIR, `${slug}.json`), 'utf8'));
/** The seed as schema v1 stored it: no data fields, no forms. */
function toVersion1(doc: SopDocument) {
  const { dataFields: _d, ...rest } = doc;
  return { ...rest, schemaVersion: 1, nodes: doc.nodes.map(({ fields: _f, ...n }) => n) };
}

describe('seeds and schema v2', () => {
  it.each(listSeedSlugs())('%s is stored as v2, and its v1 form migrates to it', (slug) => {
    expect(raw(slug).schemaVersion).toBe(2);
    const { document } = loadSeed(slug);
    const bare = { ...document, dataFields: [], nodes: document.nodes.map((n) => ({ ...n, fields: [] })) };
    expect(parseDocument(toVersion1(document))).toEqual({ ok: true, document: bare, migratedFrom: 1 });
  });
});

const APPLICANT = ['nama_pemohon', 'nik', 'nomor_kk', 'alamat', 'telepon'];
const VALID_NIK = '3328094501900003';

describe.each(['tegal-dtks', 'tegal-kis', 'tegal-reaktivasi-kis'])('the case file of %s', (slug) => {
  const { document } = loadSeed(slug);
  const byKey = new Map(document.dataFields.map((f) => [f.key, f]));

  it('holds the applicant, with NIK, KK number, address and phone as personal data', () => {
    for (const key of APPLICANT) expect(byKey.has(key), key).toBe(true);
    expect(byKey.get('nik')?.type).toBe('nik');
    expect(['nik', 'nomor_kk', 'alamat', 'telepon'].every((k) => isPersonalField(byKey.get(k)!))).toBe(true);
    expect(isPersonalField(byKey.get('nama_pemohon')!)).toBe(false);
  });

  it('has an upload slot on the start form for every requirement row 1 checks, required there', () => {
    const row1 = document.nodes.find((n) => n.id === 'r1')!;
    const start = describeForm(document, 'start');
    const check = describeForm(document, 'r1');
    expect(row1.mutuBaku.kelengkapan.length).toBeGreaterThanOrEqual(3);
    for (const item of row1.mutuBaku.kelengkapan) {
      const slot = document.dataFields.find((f) => f.type === 'file' && f.kelengkapan === item);
      expect(slot, item).toBeDefined();
      expect(start.find((f) => f.key === slot!.key)?.mode).toBe('edit');
      expect(check.find((f) => f.key === slot!.key)?.mode).toBe('require');
    }
  });

  it('starts a case from a filled start form and refuses one without NIK, naming it', () => {
    const data = {
      nama_pemohon: 'Siti Aminah',
      nik: VALID_NIK,
      alamat: 'Jl. Melati No. 5, Slawi',
      ...(slug === 'tegal-dtks' ? { keperluan: 'Subsidi listrik (PLN)' } : {}),
      ...(slug === 'tegal-reaktivasi-kis' ? { nomor_kis: '0001234567890' } : {}),
    };
    expect(validateFormData(document, 'start', data, { currentYear: 2026 }).ok).toBe(true);
    const { nik: _nik, ...withoutNik } = data;
    expect(validateFormData(document, 'start', withoutNik, { currentYear: 2026 })).toMatchObject({
      ok: false,
      issues: [{ path: 'nik', code: 'REQUIRED' }],
    });
  });
});
