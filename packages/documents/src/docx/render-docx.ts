import type { Identity, SopDocument } from '@alur/schema';
import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { formatList } from '../pdf/identity.ts';
import { buildSopTable, type Paper, type SopTable } from '../table-model.ts';
import { writeLaneMark } from './lane-marks.ts';

export interface RenderDocxOptions {
  paper?: Paper;
}

const PAPER_MM: Record<Paper, { w: number; h: number }> = { a4: { w: 210, h: 297 }, f4: { w: 215, h: 330 } };
const SIZE = 16; // half-points: 8 pt

type CellOpts = {
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  span?: number;
  rows?: number;
  size?: number;
};

function cell(text: string | string[], opts: CellOpts = {}): TableCell {
  const lines = (Array.isArray(text) ? text : text.split('\n')).map((s) => s);
  const align =
    opts.align === 'center'
      ? AlignmentType.CENTER
      : opts.align === 'right'
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT;
  return new TableCell({
    children: (lines.length ? lines : ['']).map(
      (l) =>
        new Paragraph({
          alignment: align,
          children: [new TextRun({ text: l, bold: opts.bold, size: opts.size ?? SIZE })],
        }),
    ),
    verticalAlign: VerticalAlignTable.CENTER,
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.rows ? { rowSpan: opts.rows } : {}),
  });
}

/** The identity sheet as two Word tables: header block and the six lists. */
function buildIdentityTables(id: Identity): Table[] {
  const s = id.disahkanOleh;
  const unit = [id.unit.nama, id.unit.bidang, id.unit.alamat];
  const fields: [string, string[]][] = [
    ['NOMOR SOP', [id.nomor]],
    ['TANGGAL PEMBUATAN', [id.tanggalPembuatan]],
    ['TANGGAL REVISI', [id.tanggalRevisi]],
    ['TANGGAL EFEKTIF', [id.tanggalEfektif]],
    ['DISAHKAN OLEH', [s.jabatan, '', '', s.nama, s.nip ? `NIP. ${s.nip}` : '']],
    ['NAMA SOP', [id.nama]],
  ];
  const head = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: fields.map(
      ([k, v], i) =>
        new TableRow({
          children: [
            ...(i === 0 ? [cell(unit, { bold: true, align: 'center', rows: fields.length, size: 22 })] : []),
            cell(k, { bold: true }),
            cell(v, { bold: k === 'NAMA SOP', align: k === 'DISAHKAN OLEH' ? 'center' : 'left' }),
          ],
        }),
    ),
  });
  const pairs: [string, string[], string, string[]][] = [
    ['DASAR HUKUM:', id.dasarHukum, 'KUALIFIKASI PELAKSANA:', id.kualifikasiPelaksana],
    ['KETERKAITAN:', id.keterkaitan, 'PERALATAN/PERLENGKAPAN:', id.peralatan],
    ['PERINGATAN:', id.peringatan, 'PENCATATAN DAN PENDATAAN:', id.pencatatan],
  ];
  const lists = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: pairs.flatMap(([lk, lv, rk, rv]) => [
      new TableRow({ children: [cell(lk, { bold: true }), cell(rk, { bold: true })] }),
      new TableRow({ children: [cell(formatList(lv)), cell(formatList(rv))] }),
    ]),
  });
  return [head, lists];
}

/** The flowchart table: two header rows repeated on every page, one row per step, the total. */
function buildFlowTable(table: SopTable): Table {
  const n = Math.max(1, table.lanes.length);
  const head = { bold: true, align: 'center' as const };
  const header1 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell('NO', { ...head, rows: 2 }),
      cell('KEGIATAN', { ...head, rows: 2 }),
      cell('PELAKSANA', { ...head, span: n }),
      cell('MUTU BAKU', { ...head, span: 3 }),
      cell('KETERANGAN', { ...head, rows: 2 }),
    ],
  });
  const laneNames = table.lanes.length ? table.lanes : [''];
  const header2 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      ...laneNames.map((l) => cell(l, head)),
      cell('KELENGKAPAN', head),
      cell('WAKTU', head),
      cell('OUTPUT', head),
    ],
  });
  const body = table.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(r.no), { align: 'center' }),
          cell(r.kegiatan),
          ...laneNames.map((_, k) => cell(k === r.laneIndex ? writeLaneMark(r) : '', { align: 'center' })),
          cell(r.kelengkapan),
          cell(r.waktu, { align: 'center' }),
          cell(r.output),
          cell(r.keterangan),
        ],
      }),
  );
  const total = new TableRow({
    cantSplit: true,
    children: [
      cell('JUMLAH WAKTU', { bold: true, align: 'right', span: 3 + n }),
      cell(table.totalWaktu || '-', { bold: true, align: 'center' }),
      cell('', { span: 2 }),
    ],
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header1, header2, ...body, total],
  });
}

/** Renders the SOP as an editable Word document: identity sheet, flowchart table, signature. */
export async function renderSopDocx(doc: SopDocument, options: RenderDocxOptions = {}): Promise<Uint8Array> {
  const paper = PAPER_MM[options.paper ?? 'a4'];
  const margin = convertMillimetersToTwip(10);
  const s = doc.identity.disahkanOleh;
  const sign = (text: string, bold = false) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, bold, size: 20 })] });
  const word = new Document({
    creator: 'Alur',
    title: doc.identity.nama || 'SOP',
    sections: [
      {
        properties: {
          page: {
            size: {
              orientation: PageOrientation.LANDSCAPE,
              width: convertMillimetersToTwip(paper.w),
              height: convertMillimetersToTwip(paper.h),
            },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        children: [
          ...buildIdentityTables(doc.identity),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({
            children: [
              new TextRun({
                text: `${doc.identity.nama} — Nomor SOP: ${doc.identity.nomor}`,
                bold: true,
                size: 20,
              }),
            ],
          }),
          buildFlowTable(buildSopTable(doc)),
          new Paragraph({ text: '' }),
          sign(s.jabatan || 'Pejabat yang mengesahkan'),
          ...(doc.identity.unit.nama ? [sign(doc.identity.unit.nama)] : []),
          new Paragraph({ text: '' }),
          new Paragraph({ text: '' }),
          sign(s.nama || '(..............................)', true),
          sign(s.nip ? `NIP. ${s.nip}` : 'NIP.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(word));
}
