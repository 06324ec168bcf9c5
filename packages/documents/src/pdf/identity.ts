import type { Identity } from '@alur/schema';
import { drawCell, type Fonts, measureText, type Pdf } from './primitives.ts';

export interface PageFrame {
  width: number;
  height: number;
  margin: number;
}

/** "1. a\n2. b", or "-" for an empty list (no field of the sheet is ever dropped). */
export function formatList(items: string[]): string {
  const filled = items.map((s) => s.trim()).filter(Boolean);
  if (filled.length === 0) return '-';
  return filled.length === 1 ? filled[0]! : filled.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** Draws the identity sheet (lembar identitas) of PermenPAN-RB 35/2012 on the current page. */
export function drawIdentityPage(pdf: Pdf, fonts: Fonts, id: Identity, frame: PageFrame): void {
  const x0 = frame.margin;
  const W = frame.width - 2 * frame.margin;
  let y = frame.margin;
  const leftW = W * 0.42;
  const keyW = W * 0.2;
  const valW = W - leftW - keyW;
  const signer = id.disahkanOleh;
  const fields: [string, string, boolean][] = [
    ['NOMOR SOP', id.nomor, false],
    ['TANGGAL PEMBUATAN', id.tanggalPembuatan, false],
    ['TANGGAL REVISI', id.tanggalRevisi, false],
    ['TANGGAL EFEKTIF', id.tanggalEfektif, false],
    [
      'DISAHKAN OLEH',
      [signer.jabatan, '\n\n', signer.nama, signer.nip ? `NIP. ${signer.nip}` : ''].join('\n'),
      false,
    ],
    ['NAMA SOP', id.nama, true],
  ];
  const heights = fields.map(([k, v, bold]) =>
    Math.max(
      16,
      measureText(pdf, fonts, k, keyW, { bold: true }),
      measureText(pdf, fonts, v, valW, { bold, size: 8 }),
    ),
  );
  const headerH = heights.reduce((a, b) => a + b, 0);
  const unitText = [id.unit.nama.toUpperCase(), id.unit.bidang, id.unit.alamat].filter(Boolean).join('\n');
  drawCell(pdf, fonts, { x: x0, y, w: leftW, h: headerH }, unitText, {
    bold: true,
    size: 11,
    align: 'center',
    valign: 'middle',
    pad: 8,
  });
  let fy = y;
  fields.forEach(([k, v, bold], i) => {
    const h = heights[i]!;
    drawCell(pdf, fonts, { x: x0 + leftW, y: fy, w: keyW, h }, k, { bold: true, valign: 'middle', size: 8 });
    drawCell(pdf, fonts, { x: x0 + leftW + keyW, y: fy, w: valW, h }, v, {
      bold,
      size: 8,
      valign: 'middle',
      align: k === 'DISAHKAN OLEH' ? 'center' : 'left',
    });
    fy += h;
  });
  y += headerH;
  const pairs: [string, string[], string, string[]][] = [
    ['DASAR HUKUM:', id.dasarHukum, 'KUALIFIKASI PELAKSANA:', id.kualifikasiPelaksana],
    ['KETERKAITAN:', id.keterkaitan, 'PERALATAN/PERLENGKAPAN:', id.peralatan],
    ['PERINGATAN:', id.peringatan, 'PENCATATAN DAN PENDATAAN:', id.pencatatan],
  ];
  const half = W / 2;
  for (const [lk, lv, rk, rv] of pairs) {
    const hh = 16;
    const left = formatList(lv);
    const right = formatList(rv);
    const bodyH = Math.max(
      24,
      measureText(pdf, fonts, left, half, { size: 8 }),
      measureText(pdf, fonts, right, half, { size: 8 }),
    );
    if (y + hh + bodyH > frame.height - frame.margin) {
      pdf.addPage();
      y = frame.margin;
    }
    drawCell(pdf, fonts, { x: x0, y, w: half, h: hh }, lk, { bold: true, size: 8, valign: 'middle' });
    drawCell(pdf, fonts, { x: x0 + half, y, w: half, h: hh }, rk, { bold: true, size: 8, valign: 'middle' });
    const maxBody = frame.height - frame.margin - y - hh;
    const h = Math.min(bodyH, maxBody);
    drawCell(pdf, fonts, { x: x0, y: y + hh, w: half, h }, left, { size: 8 });
    drawCell(pdf, fonts, { x: x0 + half, y: y + hh, w: half, h }, right, { size: 8 });
    y += hh + h;
  }
}
