import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseImportFormat, encodeBase64, readImportFile } from './import-file.ts';

describe('import files', () => {
  it('chooses the format from the extension, whatever its case', () => {
    expect(chooseImportFormat('SOP LAKIP.docx')).toBe('docx');
    expect(chooseImportFormat('tabel.XLSX')).toBe('xlsx');
    expect(chooseImportFormat('proses.bpmn')).toBe('bpmn');
    expect(chooseImportFormat('proses.bpmn.xml')).toBe('bpmn');
    expect(chooseImportFormat('ekspor.json')).toBe('json');
    expect(chooseImportFormat('tabel.txt')).toBe('table');
    expect(chooseImportFormat('gambar.png')).toBeNull();
    expect(chooseImportFormat('README')).toBeNull();
  });

  it('encodes any bytes as the same base64 Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 30 },
    );
  });

  it('reads office files as base64 and the rest as text', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]);
    const file = (name: string) => ({
      name,
      text: async () => 'Nama SOP\tX',
      arrayBuffer: async () => bytes.buffer,
    });
    expect(await readImportFile(file('a.docx'))).toEqual({ format: 'docx', content: 'UEsDBP8=' });
    expect(await readImportFile(file('a.txt'))).toEqual({ format: 'table', content: 'Nama SOP\tX' });
    expect(await readImportFile(file('a.pdf'))).toBeNull();
  });
});
