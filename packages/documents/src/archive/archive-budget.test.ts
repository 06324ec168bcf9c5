import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '../bpmn/import-bpmn.ts';
import { renderSopDocx } from '../docx/render-docx.ts';
import { importSopDocx, importSopXlsx } from '../grid/import-file.ts';
import { buildTestSop } from '../test-support/build-sop.ts';
import {
  billionLaughs,
  buildDocxBomb,
  buildManyEntryBomb,
  buildZip,
  deepXml,
  deflateBomb,
  deflatedPart,
} from '../test-support/hostile-files.ts';
import { XmlLimitError } from '../xml/xml-guard.ts';
import { ArchiveBudgetError, assertArchiveWithinBudget, DEFAULT_ARCHIVE_BUDGET } from './archive-budget.ts';
import { NotAnArchiveError } from './zip-directory.ts';

const MB = 1024 * 1024;
const LONG = process.env.ALUR_LONG === '1';

async function* chunksOf(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

describe('assertArchiveWithinBudget', { timeout: 60_000 }, () => {
  it('passes a real Alur .docx, from bytes and from a stream', async () => {
    const docx = await renderSopDocx(
      buildTestSop({ lanes: ['Kasi', 'Staf'], rows: [{ lane: 0 }, { lane: 1 }] }),
    );
    const fromBytes = await assertArchiveWithinBudget(docx);
    expect(fromBytes.entries.map((e) => e.name)).toContain('word/document.xml');
    const fromStream = await assertArchiveWithinBudget(chunksOf(docx));
    expect(fromStream.totalBytes).toBe(fromBytes.totalBytes);
  });

  it('refuses an honest one-entry bomb by its declared size, before inflating', async () => {
    const bomb = buildDocxBomb(LONG ? 600 : 60);
    expect(bomb.byteLength).toBeLessThan(LONG ? 700_000 : 80_000);
    const error = await assertArchiveWithinBudget(bomb).catch((e) => e);
    expect(error).toBeInstanceOf(ArchiveBudgetError);
    expect(error.limit).toBe('total');
    expect(error.messages.id).toContain('50 MB');
    expect(error.messages.en).toContain('archive size limit');
  });

  it('stops a bomb with lying size headers while inflating', async () => {
    const error = await assertArchiveWithinBudget(buildDocxBomb(LONG ? 600 : 60, { lie: true })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ArchiveBudgetError);
    expect(error.limit).toBe('declared');
    expect(error.messages.en).toContain('word/document.xml');
  });

  it('stops a lying bomb at the total budget even when the lie is generous', async () => {
    const budget = { ...DEFAULT_ARCHIVE_BUDGET, maxTotalBytes: 5 * MB, maxRatio: 10_000 };
    const zip = buildZip([{ name: 'a.bin', data: deflateBomb(20), realSize: 20 * MB, declaredSize: 4 * MB }]);
    const error = await assertArchiveWithinBudget(zip, { budget }).catch((e) => e);
    expect(error).toMatchObject({ limit: 'declared' });
    const honestButTooBig = buildZip([{ name: 'a.bin', data: deflateBomb(6), realSize: 6 * MB }]);
    expect(await assertArchiveWithinBudget(honestButTooBig, { budget }).catch((e) => e)).toMatchObject({
      limit: 'total',
    });
  });

  it('refuses a compression ratio beyond 100:1 even within the total', async () => {
    const zip = buildZip([{ name: 'media/x.bin', data: deflateBomb(10), realSize: 10 * MB }]);
    const error = await assertArchiveWithinBudget(zip).catch((e) => e);
    expect(error).toMatchObject({ limit: 'ratio' });
    expect(error.messages.id).toContain('100:1');
  });

  it('refuses many-entry bombs, honest and lying', async () => {
    const honest = buildManyEntryBomb(LONG ? 1000 : 80, 1);
    expect(await assertArchiveWithinBudget(honest).catch((e) => e)).toMatchObject({ limit: 'total' });
    const lying = buildManyEntryBomb(LONG ? 1000 : 80, 1, { lie: true });
    expect(await assertArchiveWithinBudget(lying).catch((e) => e)).toMatchObject({ limit: 'declared' });
    const tooMany = buildZip(
      Array.from({ length: 5001 }, (_, i) => ({
        name: `p${i}.txt`,
        data: new Uint8Array(1),
        stored: true,
        realSize: 1,
      })),
    );
    expect(await assertArchiveWithinBudget(tooMany).catch((e) => e)).toMatchObject({ limit: 'entries' });
  });

  it('refuses a streamed archive larger than the file budget without reading it all', async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read += MB;
        yield new Uint8Array(MB);
      }
    }
    const budget = { ...DEFAULT_ARCHIVE_BUDGET, maxArchiveBytes: 3 * MB };
    expect(await assertArchiveWithinBudget(endless(), { budget }).catch((e) => e)).toMatchObject({
      limit: 'archive',
    });
    expect(read).toBeLessThanOrEqual(4 * MB);
  });

  it('runs the XML guard over the parts: a DTD inside an .xlsx is refused', async () => {
    const zip = buildZip([deflatedPart('xl/workbook.xml', billionLaughs('workbook'))]);
    expect(await assertArchiveWithinBudget(zip).catch((e) => e)).toMatchObject({ limit: 'dtd' });
  });

  it('says "not an archive" for junk', async () => {
    expect(
      await assertArchiveWithinBudget(new TextEncoder().encode('PK\u0003\u0004 rusak')).catch((e) => e),
    ).toBeInstanceOf(NotAnArchiveError);
  });
});

describe('importers use the budget and the XML guard', { timeout: 60_000 }, () => {
  it('importSopDocx throws the budget error for a bomb (not "unreadable")', async () => {
    await expect(importSopDocx(buildDocxBomb(60))).rejects.toBeInstanceOf(ArchiveBudgetError);
    await expect(importSopDocx(buildDocxBomb(60, { lie: true }))).rejects.toMatchObject({
      limit: 'declared',
    });
  });

  it('importSopXlsx proves the archive before ExcelJS inflates it', async () => {
    await expect(importSopXlsx(buildManyEntryBomb(80, 1))).rejects.toBeInstanceOf(ArchiveBudgetError);
    // A real workbook still imports.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('SOP').addRow(['NO', 'KEGIATAN', 'Kasi', 'KELENGKAPAN', 'WAKTU', 'OUTPUT', 'KET']);
    const r = await importSopXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(r.ok || r.error.code).not.toBe('NOT_AN_ARCHIVE');
  });

  it('a .docx whose document.xml carries a DTD or deep nesting is refused by the XML guard', async () => {
    const dtd = buildZip([deflatedPart('word/document.xml', billionLaughs('w:document'))]);
    await expect(importSopDocx(dtd)).rejects.toMatchObject({ limit: 'dtd' });
    const deep = buildZip([deflatedPart('word/document.xml', deepXml(10_000))]);
    await expect(importSopDocx(deep)).rejects.toMatchObject({ limit: 'depth' });
  });

  it('billion laughs in BPMN is refused, never expanded', async () => {
    const error = await importBpmn(billionLaughs()).catch((e) => e);
    expect(error).toBeInstanceOf(XmlLimitError);
    expect(error.limit).toBe('dtd');
    expect(error.messages.id).toContain('DTD');
  });
});
