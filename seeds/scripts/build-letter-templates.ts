/**
 * Builds the demo's Word letter templates (issue #14) into seeds/templates/, with the `docx`
 * package: `npx tsx seeds/scripts/build-letter-templates.ts`. Each tag sits in a run of its own,
 * so Word never splits it. seeds/templates/letters.json binds them to their SOP steps.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TabStopType, TextRun } from 'docx';

const OUT = fileURLToPath(new URL('../templates/', import.meta.url));
const FONT = 'Times New Roman';
const SIZE = 24; // half-points: 12 pt

const run = (text: string, extra: { bold?: boolean; underline?: boolean; size?: number } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: extra.size ?? SIZE,
    bold: extra.bold,
    underline: extra.underline ? {} : undefined,
  });

const para = (
  children: TextRun[],
  options: { align?: 'center' | 'right' | 'both'; after?: number; indent?: number } = {},
) =>
  new Paragraph({
    children,
    alignment:
      options.align === 'center'
        ? AlignmentType.CENTER
        : options.align === 'both'
          ? AlignmentType.JUSTIFIED
          : AlignmentType.LEFT,
    spacing: { after: options.after ?? 0, line: 300 },
    indent: options.indent ? { left: options.indent } : undefined,
    tabStops: [{ type: TabStopType.LEFT, position: 2800 }],
  });

/** "Label<TAB>: value" rows of the applicant's identity. */
const row = (label: string, value: TextRun[]) => para([run(`${label}\t: `), ...value], { indent: 720 });

/** The signature block, on the right half of the page. */
const signature = (children: TextRun[], after = 0) =>
  new Paragraph({ children, indent: { left: 5200 }, spacing: { after, line: 300 } });

function suratKeteranganDtks(): Document {
  return new Document({
    creator: 'Alur',
    title: 'Surat Keterangan Terdata DTKS',
    sections: [
      {
        properties: {
          page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } },
        },
        children: [
          para([run('PEMERINTAH KABUPATEN TEGAL', { bold: true, size: 28 })], { align: 'center' }),
          para([run('{instansi.nama}', { bold: true, size: 32 })], { align: 'center' }),
          new Paragraph({
            children: [run('{instansi.alamat}', { size: 22 })],
            alignment: AlignmentType.CENTER,
            border: {
              bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 12, color: '000000', space: 4 },
            },
            spacing: { after: 360 },
          }),
          para([run('SURAT KETERANGAN', { bold: true, underline: true, size: 26 })], { align: 'center' }),
          para([run('Nomor: '), run('{nomor_surat}')], { align: 'center', after: 360 }),
          para(
            [
              run('Yang bertanda tangan di bawah ini, '),
              run('{penandatangan.jabatan}'),
              run(', menerangkan bahwa:'),
            ],
            { align: 'both', after: 120 },
          ),
          row('Nama', [run('{nama_pemohon}', { bold: true })]),
          row('NIK', [run('{nik}')]),
          row('Nomor KK', [
            run('{#nomor_kk}'),
            run('{nomor_kk}'),
            run('{/nomor_kk}'),
            run('{^nomor_kk}-{/nomor_kk}'),
          ]),
          row('Alamat', [
            run('{alamat}'),
            run('{#desa_kelurahan}, Desa/Kel. {desa_kelurahan}{/desa_kelurahan}'),
            run('{#kecamatan}, Kec. {kecamatan}{/kecamatan}'),
          ]),
          para([], { after: 120 }),
          para(
            [
              run('adalah benar '),
              run('{#terdata_dtks}terdaftar{/terdata_dtks}{^terdata_dtks}belum terdaftar{/terdata_dtks}', {
                bold: true,
              }),
              run(
                ' dalam Data Terpadu Kesejahteraan Sosial (DTKS) Kementerian Sosial Republik Indonesia untuk wilayah Kabupaten Tegal.',
              ),
            ],
            { align: 'both', after: 120 },
          ),
          para([run('Surat keterangan ini diberikan untuk keperluan '), run('{keperluan}'), run('.')], {
            align: 'both',
            after: 120,
          }),
          para([run('Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.')], {
            align: 'both',
            after: 480,
          }),
          signature([run('Slawi, '), run('{tanggal}')]),
          signature([run('{penandatangan.jabatan}')], 1200),
          signature([run('{penandatangan.nama}', { bold: true, underline: true })]),
          signature([run('NIP. '), run('{penandatangan.nip}')], 480),
          para([run('Nomor registrasi permohonan: ', { size: 18 }), run('{kasus.nomor}', { size: 18 })]),
        ],
      },
    ],
  });
}

const templates: [string, Document][] = [['surat-keterangan-dtks.docx', suratKeteranganDtks()]];
for (const [name, doc] of templates) {
  writeFileSync(`${OUT}${name}`, await Packer.toBuffer(doc));
  console.log(`seeds/templates/${name}`);
}
