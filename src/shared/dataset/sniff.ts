// Reading an image file's format and pixel size from its first bytes, before any decoder sees it.
//
// Why: a browser decoder allocates width × height × 4 bytes up front, so a 40000 × 40000 scan (or a forged
// header) would take the tab down before it could fail; a text file renamed `.jpg` or a zero-byte file
// should get a sentence a user understands, not "The source image could not be decoded". Only the
// container headers are read; pixel data is left to the decoders.

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff';

export type SniffResult =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; reason: string };

export const MAX_SIDE = 20_000;
export const MAX_PIXELS = 200_000_000;

/** `bytes` is the whole file or at least its first 64 KB (JPEG frame headers can sit after big EXIF blocks). */
export function sniffImage(bytes: Uint8Array, fileSize = bytes.length): SniffResult {
  if (fileSize === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  const b = bytes;
  const at = (s: number[], off = 0): boolean => s.every((v, i) => b[off + i] === v);
  let res: SniffResult;
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) res = png(b);
  else if (at([0xff, 0xd8, 0xff])) res = jpeg(b);
  else if (at([0x47, 0x49, 0x46, 0x38])) res = dims('gif', u16le(b, 6), u16le(b, 8), b.length >= 10);
  else if (at([0x42, 0x4d])) res = dims('bmp', Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)), b.length >= 26);
  else if (at([0x52, 0x49, 0x46, 0x46]) && at([0x57, 0x45, 0x42, 0x50], 8)) res = webp(b);
  else if (at([0x49, 0x49, 0x2a, 0x00]) || at([0x4d, 0x4d, 0x00, 0x2a])) res = { ok: true, format: 'tiff', width: 0, height: 0 };
  else if (at([0x49, 0x49, 0x2b, 0x00]) || at([0x4d, 0x4d, 0x00, 0x2b])) res = { ok: false, reason: 'BigTIFF files are not supported' };
  else res = { ok: false, reason: looksLikeText(b) ? 'not an image: the file contains text' : 'not an image: unknown file format' };
  return res.ok ? checkSize(res) : res;
}

/** Refuses frames too large to decode safely; TIFF sizes (0 here) are checked by decodeTiff. */
export function checkSize(r: Extract<SniffResult, { ok: true }>): SniffResult {
  const { width: w, height: h } = r;
  if (w > MAX_SIDE || h > MAX_SIDE) return { ok: false, reason: `image too large: ${w} × ${h} px (limit ${MAX_SIDE} px per side)` };
  if (w * h > MAX_PIXELS) return { ok: false, reason: `image too large: ${Math.round((w * h) / 1e6)} MP (limit ${MAX_PIXELS / 1e6} MP)` };
  return r;
}

/**
 * A PNG is complete when its chunks chain up to IEND inside the file. Truncated uploads and interrupted
 * copies are common on lab shares, and Chromium decodes a truncated PNG into a partly gray image rather
 * than failing, which would silently put a damaged frame into training.
 */
export function pngIsComplete(b: Uint8Array): boolean {
  let off = 8;
  while (off + 8 <= b.length) {
    const len = u32be(b, off);
    const type = String.fromCharCode(b[off + 4], b[off + 5], b[off + 6], b[off + 7]);
    const end = off + 12 + len;
    if (end > b.length) return false;
    if (type === 'IEND') return true;
    off = end;
  }
  return false;
}

/**
 * A JPEG is complete when its segments and scans chain up to the EOI marker (FF D9). Chromium decodes a
 * truncated JPEG into a partly gray image without an error, so a cut-off file would otherwise go into
 * training silently. Segments are walked by their lengths (an EXIF thumbnail's own EOI is inside APP1 and
 * skipped); entropy-coded data is scanned for the next marker, skipping stuffed FF 00 and restart markers.
 */
export function jpegIsComplete(b: Uint8Array): boolean {
  let off = 2;
  while (off + 1 < b.length) {
    if (b[off] !== 0xff) return false;
    const marker = b[off + 1];
    if (marker === 0xd9) return true;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      off += marker === 0xff ? 1 : 2;
      continue;
    }
    if (off + 3 >= b.length) return false;
    const end = off + 2 + ((b[off + 2] << 8) | b[off + 3]);
    if (end > b.length) return false;
    off = end;
    if (marker !== 0xda) continue;
    // Entropy-coded data after SOS: up to the next marker that is not FF 00, FF FF fill or a restart.
    while (off + 1 < b.length && !(b[off] === 0xff && b[off + 1] !== 0 && b[off + 1] !== 0xff && (b[off + 1] < 0xd0 || b[off + 1] > 0xd7))) off++;
  }
  return false;
}

function dims(format: ImageFormat, width: number, height: number, enough: boolean): SniffResult {
  if (!enough || width <= 0 || height <= 0) return { ok: false, reason: `damaged ${format.toUpperCase()}: no valid image size in its header` };
  return { ok: true, format, width, height };
}

function png(b: Uint8Array): SniffResult {
  const ihdr = b.length >= 24 && String.fromCharCode(b[12], b[13], b[14], b[15]) === 'IHDR';
  return dims('png', ihdr ? u32be(b, 16) : 0, ihdr ? u32be(b, 20) : 0, ihdr);
}

function jpeg(b: Uint8Array): SniffResult {
  let off = 2;
  while (off + 9 < b.length) {
    if (b[off] !== 0xff) return dims('jpeg', 0, 0, false);
    const marker = b[off + 1];
    if (marker === 0xff) {
      off++;
      continue;
    }
    const len = (b[off + 2] << 8) | b[off + 3];
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return dims('jpeg', (b[off + 7] << 8) | b[off + 8], (b[off + 5] << 8) | b[off + 6], true);
    }
    off += 2 + len;
  }
  return dims('jpeg', 0, 0, false);
}

function webp(b: Uint8Array): SniffResult {
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8X' && b.length >= 30) {
    return dims('webp', 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16)), true);
  }
  if (chunk === 'VP8 ' && b.length >= 30) return dims('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff, true);
  if (chunk === 'VP8L' && b.length >= 25) {
    const v = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return dims('webp', (v & 0x3fff) + 1, ((v >>> 14) & 0x3fff) + 1, true);
  }
  return dims('webp', 0, 0, false);
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  let printable = 0;
  for (let i = 0; i < n; i++) if ((b[i] >= 0x20 && b[i] < 0x7f) || b[i] === 9 || b[i] === 10 || b[i] === 13 || b[i] >= 0x80) printable++;
  return n > 0 && printable / n > 0.95;
}

function u16le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function i32le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
}
function u32be(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}
