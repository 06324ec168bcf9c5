import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildSheetXml, buildXlsx, formatColumnName } from './xlsx.ts';

/** Reads the inline-string and number cells of a sheet back, row by row. */
function readSheet(xml: string): (string | number)[][] {
  return [...xml.matchAll(/<row r="\d+">([\s\S]*?)<\/row>/g)].map((row) =>
    [
      ...row[1]!.matchAll(
        /<c r="[A-Z]+\d+"(?: t="(\w+)")?>(?:<v>([^<]*)<\/v>|<is><t xml:space="preserve">([^<]*)<\/t><\/is>)<\/c>/g,
      ),
    ].map((c) =>
      c[1] === 'inlineStr'
        ? c[3]!
            .replaceAll('&lt;', '<')
            .replaceAll('&gt;', '>')
            .replaceAll('&quot;', '"')
            .replaceAll('&amp;', '&')
        : Number(c[2]),
    ),
  );
}

describe('formatColumnName', () => {
  it('counts columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(formatColumnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('buildXlsx', () => {
  it('zips the five parts of a workbook with the sheet named', () => {
    const files = unzipSync(buildXlsx('Evaluasi SOP', [['a', 1]]));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Evaluasi SOP"');
    expect(readSheet(strFromU8(files['xl/worksheets/sheet1.xml']!))).toEqual([['a', 1]]);
  });

  it('writes numbers as numbers, text as text, and leaves empty cells out', () => {
    const xml = buildSheetXml([
      ['No', null, 'Median'],
      [1, undefined, 12.5],
    ]);
    expect(xml).toContain('<c r="A2"><v>1</v></c>');
    expect(xml).toContain('<c r="C2"><v>12.5</v></c>');
    expect(xml).not.toContain('r="B1"');
  });

  it('keeps any text intact, markup and formula-like text included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '<', '>', '&', '"', "'", '=', ' ', 'é', '\n') });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { maxLength: 4 }), (rows) => {
        const expected = rows.map((r) => r.filter((v) => v !== ''));
        expect(readSheet(buildSheetXml(rows)).map((r) => r.map(String))).toEqual(expected);
      }),
    );
  });
});
