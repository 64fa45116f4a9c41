// Reading a TIFF's first image directory ourselves, with every offset and count checked against the file.
//
// Why not utif2's reader: it trusts the file. A tag declaring 4 billion values loops 4 billion times, a
// page chain that points back at itself loops forever, and a SubIFD cycle recurses until the stack dies.
// Here each value region must lie inside the file, the page chain is walked with a visited set, and
// sub-directories are not followed (only the first image is decoded). The result has utif2's shape
// (`t<tag>` keys), so utif2's pixel decoder can take it.

export type TiffIfd = Record<string, unknown>;

export interface TiffDirectory {
  ifd: TiffIfd;
  pages: number;
  littleEndian: boolean;
}

/** Bytes per value for each TIFF field type (BigTIFF's 8-byte types are refused earlier). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** Tags the decoder needs: a damaged one fails the file; any other damaged tag is skipped. */
const NEEDED = new Set([256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 339]);
/** Values kept per tag that is not needed (colour maps, EXIF blobs): larger ones are skipped. */
const MAX_OTHER_VALUES = 65_536;
/**
 * Instrument metadata tags (FEI/Thermo 34682, Zeiss 34118): kept whole as text (Latin-1, NULs as line
 * ends), whatever their declared type (ASCII, BYTE or UNDEFINED), up to 1 MB.
 */
export const TEXT_TAGS: ReadonlySet<number> = new Set([34682, 34118]);
const MAX_TEXT_BYTES = 1 << 20;
const MAX_ENTRIES = 4096;
const MAX_PAGES = 100_000;

export function readTiffDirectory(b: Uint8Array): TiffDirectory {
  if (b.length < 8) throw new Error('Damaged TIFF: the file is too short for a TIFF header');
  const le = b[0] === 0x49;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number): number => view.getUint16(o, le);
  const u32 = (o: number): number => view.getUint32(o, le);
  const first = u32(4);
  const dirEnd = (off: number): number => {
    if (off < 8 || off + 2 > b.length) return -1;
    const n = u16(off);
    const end = off + 2 + 12 * n + 4;
    return n === 0 || n > MAX_ENTRIES || end > b.length ? -1 : end;
  };
  if (dirEnd(first) < 0) throw new Error('Damaged TIFF: its image directory lies outside the file (truncated?)');

  const ifd: TiffIfd = {};
  const n = u16(first);
  for (let i = 0; i < n; i++) {
    const e = first + 2 + 12 * i;
    const tagId = u16(e);
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = TYPE_SIZE[type];
    const needed = NEEDED.has(tagId);
    if (!size || count === 0) {
      if (needed) throw new Error(`Damaged TIFF: tag ${tagId} has an unknown type (${type}) or no value`);
      continue;
    }
    const bytes = size * count;
    const at = bytes <= 4 ? e + 8 : u32(e + 8);
    const text = TEXT_TAGS.has(tagId) && (type === 1 || type === 2 || type === 7);
    if (text && at + bytes <= b.length && bytes <= MAX_TEXT_BYTES) {
      ifd[`t${tagId}`] = latin1Text(b.subarray(at, at + bytes));
      continue;
    }
    if (at + bytes > b.length || (!needed && count > MAX_OTHER_VALUES)) {
      if (needed) throw new Error(`Damaged TIFF: tag ${tagId} points past the end of the file (truncated?)`);
      continue;
    }
    ifd[`t${tagId}`] = readValues(b, view, le, type, at, count);
  }
  return { ifd, pages: countPages(first, dirEnd, u32), littleEndian: le };
}

function readValues(b: Uint8Array, view: DataView, le: boolean, type: number, at: number, count: number): unknown {
  if (type === 1 || type === 6 || type === 7) return b.slice(at, at + count);
  if (type === 2) {
    let s = '';
    for (let i = 0; i < count && b[at + i] !== 0; i++) s += String.fromCharCode(b[at + i]);
    return [s];
  }
  const out: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) {
    switch (type) {
      case 3: out[i] = view.getUint16(at + 2 * i, le); break;
      case 8: out[i] = view.getInt16(at + 2 * i, le); break;
      case 4: case 13: out[i] = view.getUint32(at + 4 * i, le); break;
      case 9: out[i] = view.getInt32(at + 4 * i, le); break;
      case 5: out[i] = [view.getUint32(at + 8 * i, le), view.getUint32(at + 8 * i + 4, le)]; break;
      case 10: out[i] = [view.getInt32(at + 8 * i, le), view.getInt32(at + 8 * i + 4, le)]; break;
      case 11: out[i] = view.getFloat32(at + 4 * i, le); break;
      default: out[i] = view.getFloat64(at + 8 * i, le);
    }
  }
  return out;
}

function latin1Text(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s.replace(/\0+/g, '\n');
}

/** A text tag's value (see TEXT_TAGS), or null. */
export function tagText(ifd: TiffIfd, tagId: number): string | null {
  const v = ifd[`t${tagId}`];
  return typeof v === 'string' && v.trim() ? v : null;
}

/** Pages in the chain, stopping (not failing) at a damaged link or a cycle: only the first is decoded. */
function countPages(first: number, dirEnd: (off: number) => number, u32: (o: number) => number): number {
  const seen = new Set<number>();
  let off = first;
  while (off !== 0 && !seen.has(off) && seen.size < MAX_PAGES) {
    const end = dirEnd(off);
    if (end < 0) break;
    seen.add(off);
    off = u32(end - 4);
  }
  return Math.max(1, seen.size);
}
