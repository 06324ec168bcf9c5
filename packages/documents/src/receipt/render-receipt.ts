import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { toWinAnsi } from '../pdf/text.ts';
import { PAPER_SIZES, type Paper } from '../table-model.ts';

/** What a receipt (tanda terima) says; every text is already written for people. */
export interface ReceiptData {
  agency: { name: string; address: string };
  caseNumber: string;
  /** When the case was received, written out: "1 Desember 2026 14.05 WIB". */
  receivedAt: string;
  applicant: string;
  sopName: string;
  /** The SOP's requirements; `received` when a file for it was uploaded. */
  requirements: { item: string; received: boolean }[];
  /** "3 Desember 2026", or null when the SOP sets no time. */
  estimatedDone: string | null;
  /** The tracking code as people read it ("K7QF-2M9X-…"). */
  trackingCode: string;
  /** The public page of the case: what the QR code holds. */
  trackUrl: string;
  /** When this copy was printed, written out (a reprint says so). */
  printedAt: string;
}

export interface RenderReceiptOptions {
  paper?: Paper;
  /** Written as the PDF's creation date; by default the time of rendering. */
  createdAt?: Date;
}

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * Renders the receipt as one portrait page of A4 or F4: agency header, the case, the requirements
 * with a tick for those received, the estimated completion date, and the QR code of the public
 * tracking page with the code printed beside it. The QR code is drawn as vector squares, so it
 * stays sharp at any print resolution.
 */
export async function renderReceiptPdf(
  data: ReceiptData,
  options: RenderReceiptOptions = {},
): Promise<Uint8Array> {
  const landscape = PAPER_SIZES[options.paper ?? 'a4'];
  const width = landscape.height;
  const height = landscape.width;
  const margin = 56;
  const pdf = new PDFDocument({
    size: [width, height],
    margin: 0,
    info: { Title: `Tanda Terima ${data.caseNumber}`, Subject: data.sopName, Creator: 'Alur' },
  });
  if (options.createdAt) pdf.info.CreationDate = options.createdAt;
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const inner = width - 2 * margin;
  const text = (s: string) => toWinAnsi(s);

  // Agency header (kop), then a rule.
  let y = margin;
  pdf.font(BOLD).fontSize(14).fillColor('black');
  pdf.text(text(data.agency.name.toUpperCase()), margin, y, { width: inner, align: 'center' });
  y = pdf.y + 2;
  if (data.agency.address) {
    pdf.font(REGULAR).fontSize(9);
    pdf.text(text(data.agency.address), margin, y, { width: inner, align: 'center' });
    y = pdf.y;
  }
  y += 6;
  pdf
    .lineWidth(1.5)
    .moveTo(margin, y)
    .lineTo(width - margin, y)
    .stroke();
  pdf
    .lineWidth(0.5)
    .moveTo(margin, y + 2.5)
    .lineTo(width - margin, y + 2.5)
    .stroke();
  y += 18;

  pdf.font(BOLD).fontSize(13);
  pdf.text('TANDA TERIMA PERMOHONAN', margin, y, { width: inner, align: 'center' });
  y = pdf.y + 14;

  // The case, as label : value rows.
  const labelWidth = 150;
  const rows: [string, string][] = [
    ['Nomor kasus', data.caseNumber],
    ['Tanggal diterima', data.receivedAt],
    ['Nama pemohon', data.applicant],
    ['Layanan (SOP)', data.sopName],
    ['Perkiraan selesai', data.estimatedDone ?? 'tidak ditentukan oleh SOP'],
  ];
  for (const [label, value] of rows) {
    pdf.font(REGULAR).fontSize(10);
    pdf.text(text(label), margin, y, { width: labelWidth });
    pdf.text(':', margin + labelWidth, y);
    pdf.font(BOLD).text(text(value), margin + labelWidth + 10, y, { width: inner - labelWidth - 10 });
    y = Math.max(pdf.y, y + 12) + 4;
  }

  // Requirements with a box each, ticked when received.
  y += 8;
  pdf.font(BOLD).fontSize(10).text('Kelengkapan persyaratan', margin, y);
  y = pdf.y + 6;
  if (data.requirements.length === 0) {
    pdf.font(REGULAR).fontSize(10).text('SOP ini tidak mencantumkan persyaratan.', margin, y);
    y = pdf.y + 4;
  }
  for (const r of data.requirements) {
    const box = 10;
    pdf
      .lineWidth(0.8)
      .rect(margin, y + 0.5, box, box)
      .stroke();
    if (r.received) {
      pdf
        .lineWidth(1.6)
        .moveTo(margin + 2, y + 5.5)
        .lineTo(margin + 4.5, y + 8.5)
        .lineTo(margin + 9, y + 2)
        .stroke();
    }
    pdf.font(REGULAR).fontSize(10);
    pdf.text(text(r.item), margin + box + 8, y, { width: inner - 150 - box - 8 });
    const after = pdf.y;
    pdf
      .font(r.received ? BOLD : REGULAR)
      .text(r.received ? 'diterima' : 'belum diterima', width - margin - 140, y, {
        width: 140,
        align: 'right',
      });
    y = Math.max(after, y + 12) + 5;
  }

  // QR code with the tracking code beside it.
  y += 16;
  const qr = QRCode.create(data.trackUrl, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const quiet = 4;
  const side = 132;
  const cell = side / (modules + 2 * quiet);
  pdf.rect(margin, y, side, side).fill('white');
  pdf.fillColor('black');
  for (let r = 0; r < modules; r++) {
    for (let c = 0; c < modules; c++) {
      if (qr.modules.get(r, c)) pdf.rect(margin + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  pdf.fill('black');
  const tx = margin + side + 18;
  const tw = width - margin - tx;
  pdf
    .font(BOLD)
    .fontSize(10)
    .text('Kode lacak', tx, y + 8, { width: tw });
  pdf
    .font('Courier-Bold')
    .fontSize(13)
    .text(data.trackingCode, tx, pdf.y + 4, { width: tw });
  pdf
    .font(REGULAR)
    .fontSize(9)
    .text(
      'Pindai kode QR, atau buka alamat di bawah ini dan ketik kode lacak, untuk melihat posisi ' +
        'permohonan Anda. Simpan tanda terima ini.',
      tx,
      pdf.y + 8,
      { width: tw },
    );
  pdf
    .font(REGULAR)
    .fontSize(9)
    .text(text(data.trackUrl.replace(/\/lacak\/.*$/, '/lacak')), tx, pdf.y + 4, {
      width: tw,
    });
  y = Math.max(y + side, pdf.y) + 24;

  pdf
    .font(REGULAR)
    .fontSize(8)
    .fillColor('#444444')
    .text(text(`Dicetak ${data.printedAt} oleh Alur.`), margin, Math.min(y, height - margin - 12), {
      width: inner,
    });
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
