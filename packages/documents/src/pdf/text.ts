// The standard PDF fonts (Helvetica) only encode WinAnsi (cp1252); anything else is printed as
// garbage without an error, so text is mapped to the nearest WinAnsi spelling before drawing.
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const REPLACEMENTS: Record<string, string> = {
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '→': '->',
  '←': '<-',
  '↑': '^',
  '↓': 'v',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '▭': '[ ]',
  '◇': '<>',
  '\u2009': ' ',
  '\u200b': '',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
};

function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || CP1252_EXTRAS.includes(ch);
}

/** Maps text to characters the standard PDF fonts can print: known symbols spelled out, accents dropped, the rest "?". */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (isWinAnsi(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== ch && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}
