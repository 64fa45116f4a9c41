// CSV as RFC 4180 writes it (fields with a comma, quote, CR or LF quoted, quotes doubled, CRLF line ends),
// plus spreadsheet-formula neutralisation per OWASP "CSV injection": a text cell whose first non-space
// character is = + - @ | (or their fullwidth forms ＝ ＋ － ＠ ｜), or that starts with a tab or CR, would run as
// a formula (or DDE command) in Excel or LibreOffice, so it gets a leading apostrophe. Cells holding a
// separator any spreadsheet may use (, ; tab) are quoted too: a `;`-locale spreadsheet would otherwise split
// `a;=3+3` into a formula cell. File names come from users' folders and can hold any of these.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^(?:[\t\r]|[ \u00a0\u3000]*[=+\-@|\uff1d\uff0b\uff0d\uff20\uff5c])/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Numbers are written as plain decimals (no exponent), at most 6 decimals; NaN and ±∞ as empty cells. */
export function csvNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) return String(v);
  const s = v.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** Header and rows, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => `${csvLine(r)}\r\n`).join('');
}

/** Reads RFC 4180 CSV back into rows of strings (a leading BOM is skipped; LF-only line ends are accepted). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      // CRLF: the line end; handled at the \n
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
