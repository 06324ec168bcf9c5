import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, MAX_FILE_NAME } from './file-name.ts';

describe('cleanFileName', () => {
  it('keeps the last path segment, drops control and format characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Windows\\system32\\ktp.jpg')).toBe('ktp.jpg');
    expect(cleanFileName('ktp\u0000\u001b[31m\u202egnp.exe')).toBe('ktp[31mgnp.exe');
    expect(cleanFileName('  surat\u000a\u000dketerangan.pdf ')).toBe('suratketerangan.pdf');
    expect(cleanFileName('Surat  Keterangan   Tidak Mampu.pdf')).toBe('Surat Keterangan Tidak Mampu.pdf');
    expect(cleanFileName('ktp\ud800.png')).toBe('ktp.png');
  });

  it('names a name with nothing left "berkas"', () => {
    for (const raw of ['', '..', '.', '/', 'a/', '\u0000\u0001', undefined])
      expect(cleanFileName(raw)).toBe('berkas');
  });

  it('cuts long names to 200 characters, keeping the extension', () => {
    expect(cleanFileName(`${'x'.repeat(10_000)}.pdf`)).toBe(`${'x'.repeat(196)}.pdf`);
    const emoji = cleanFileName(`${'😀'.repeat(300)}.jpg`);
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.endsWith('.jpg')).toBe(true);
  });

  it('never returns a path, a control character or more than 200 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: 'binary-ascii', maxLength: 400 }),
        ),
        (raw) => {
          const name = cleanFileName(raw);
          expect(name.length).toBeGreaterThan(0);
          expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILE_NAME);
          expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
          expect(() => contentDisposition('attachment', name)).not.toThrow();
          expect(contentDisposition('attachment', name)).not.toMatch(/[\r\n]/);
        },
      ),
    );
  });
});
