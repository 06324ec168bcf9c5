import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReceiptData, renderReceiptPdf } from './render-receipt.ts';

const dir = mkdtempSync(join(tmpdir(), 'alur-receipt-doc-'));

const DATA: ReceiptData = {
  agency: { name: 'Dinas Sosial Kabupaten Tegal', address: 'Jl. Dr. Soetomo No. 1A, Slawi' },
  caseNumber: '2026/000123',
  receivedAt: '1 Desember 2026 14.05 WIB',
  applicant: 'Ni Luh Putu Ayu Déwi',
  sopName: 'Pelayanan Surat Keterangan DTKS',
  requirements: [
    { item: 'Fotokopi KTP', received: true },
    { item: 'Surat Pengantar Desa/Kelurahan', received: false },
  ],
  estimatedDone: '3 Desember 2026',
  trackingCode: 'K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWX',
  trackUrl: 'https://layanan.example/lacak/K7QF2M9XABCDEFGHJKMNPQRSTVWX',
  printedAt: '1 Desember 2026 14.06 WIB',
};

function render(name: string, bytes: Uint8Array) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '30', '-singlefile', file, join(dir, name)]);
  const png = readFileSync(join(dir, `${name}.png`));
  return {
    text,
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    pages: text.split('\f').length - 1,
  };
}

describe('the receipt PDF', () => {
  for (const paper of ['a4', 'f4'] as const) {
    it(`is one portrait ${paper.toUpperCase()} page with every part of the receipt`, async () => {
      const page = render(`receipt-${paper}`, await renderReceiptPdf(DATA, { paper }));
      expect(page.pages).toBe(1);
      expect(page.width / page.height).toBeCloseTo(paper === 'a4' ? 210 / 297 : 215 / 330, 1);
      for (const part of [
        'DINAS SOSIAL KABUPATEN TEGAL',
        '2026/000123',
        '1 Desember 2026 14.05 WIB',
        DATA.trackingCode,
      ])
        expect(page.text).toContain(part);
      // Standard fonts print WinAnsi: é is in it, so the name stays as written.
      expect(page.text).toContain('Ni Luh Putu Ayu Déwi');
      expect(page.text).toMatch(/Fotokopi KTP\s+diterima/);
      expect(page.text).toMatch(/Surat Pengantar Desa\/Kelurahan\s+belum diterima/);
      expect(page.text).toMatch(/Perkiraan selesai\s+:\s+3 Desember 2026/);
    });
  }

  it('says when the SOP sets no time and when it lists no requirement', async () => {
    const page = render(
      'receipt-bare',
      await renderReceiptPdf({ ...DATA, estimatedDone: null, requirements: [] }),
    );
    expect(page.text).toContain('tidak ditentukan oleh SOP');
    expect(page.text).toContain('SOP ini tidak mencantumkan persyaratan.');
  });
});
