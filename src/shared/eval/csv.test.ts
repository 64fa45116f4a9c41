import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvNumber, parseCsv, toCsv } from './csv';

describe('csvCell', () => {
  it('leaves plain text alone and quotes fields with a comma, quote, CR or LF', () => {
    expect(csvCell('porous/img_01.png')).toBe('porous/img_01.png');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('x\ry')).toBe('"x\ry"');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    for (const s of ['=SUM(A1:A9)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as plain decimals and booleans as words, empty for null', () => {
    expect(csvCell(0.94123456)).toBe('0.941235');
    expect(csvCell(1.2e-9)).toBe('0');
    expect(csvCell(3e-5)).toBe('0.00003');
    expect(csvCell(1)).toBe('1');
    expect(csvCell(-0.5)).toBe('-0.5'); // a number is data, not a formula
    expect(csvNumber(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('toCsv and parseCsv', () => {
  it('ends every line with CRLF, one line per row plus the header', () => {
    const text = toCsv(['file', 'p'], [['a.png', 0.5], ['b.png', 1]]);
    expect(text).toBe('file,p\r\na.png,0.5\r\nb.png,1\r\n');
    expect(csvLine(['x', null, 2])).toBe('x,,2');
  });

  it('round-trips a name with a comma, a quote and a newline, unicode, and formula-looking names', () => {
    const names = ['lab, "batch 2"\nscan.tif', 'µm-Ångström 粒子 😀.png', '=cmd|calc.png', 'plain.png', ''];
    const text = toCsv(['file', 'n'], names.map((n, i) => [n, i]));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(names.length + 1);
    expect(rows[0]).toEqual(['file', 'n']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['lab, "batch 2"\nscan.tif', 'µm-Ångström 粒子 😀.png', "'=cmd|calc.png", 'plain.png', '']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['0', '1', '2', '3', '4']);
  });

  it('skips a BOM, accepts LF line ends, and refuses an unterminated quote', () => {
    expect(parseCsv('\uFEFFa,b\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(() => parseCsv('a,"b')).toThrow(/quoted/);
  });
});

describe('csvCell against hostile names (OWASP CSV injection)', () => {
  // Every formula trigger, in every disguise the attack used: plain, fullwidth, after spaces, pipe (DDE).
  const triggers = ['=', '+', '-', '@', '|', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\uff5c'];
  const payloads = triggers.flatMap((t) => [`${t}3+3`, ` ${t}3+3`, `   ${t}cmd`, `\u3000${t}1`]);

  it('neutralises each payload: the parsed cell never starts (after spaces) with a trigger', () => {
    for (const p of payloads) {
      const [[cell]] = parseCsv(`${csvCell(p)}\r\n`);
      expect(cell.startsWith("'"), JSON.stringify(p)).toBe(true);
      expect(cell.slice(1)).toBe(p);
    }
  });

  it('quotes a cell holding ; or a tab, so a ;-separated spreadsheet keeps it one cell', () => {
    for (const sep of [';', '\t', ',']) {
      const name = `a${sep}=3+3`;
      const out = csvCell(name);
      expect(out).toBe(`"${name}"`);
      // Split the way a spreadsheet in a ;-locale (or a TSV reader) would, outside quotes only.
      const cells = out.match(/"(?:[^"]|"")*"|[^;\t,]+/g)!;
      expect(cells).toHaveLength(1);
    }
  });
});
