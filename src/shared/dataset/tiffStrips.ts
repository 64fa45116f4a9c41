// The checks between a TIFF's directory and its pixel decoder, and the decompressors utif2 gets from us.
//
// A TIFF says where its pixel data is (strip or tile offsets and byte counts) and how large the image is;
// a damaged or hostile file can make those disagree: offsets past the end, four billion strips, a 200 KB
// file declaring 20000 × 10000 pixels of LZW (a "decompression bomb"). Every such file is refused here
// with a sentence, before anything is allocated for its pixels. The decompressors below write into
// exactly one strip's room and stop there, so work per strip is bounded by that strip's size.

import { Inflate } from 'fflate';
import { lzwDecode } from './lzw';
import type { TiffIfd } from './tiffIfd';

/** Most output bytes one input byte can give, per compression (LZW ~1340, Deflate 1032, PackBits 64). */
const MAX_RATIO: Record<number, number> = { 1: 1, 5: 1400, 8: 1100, 32946: 1100, 32773: 130 };
const NAMES: Record<number, string> = { 1: 'uncompressed', 5: 'LZW', 8: 'Deflate', 32946: 'Deflate', 32773: 'PackBits' };
const MAX_TILE_PIXELS = 1 << 24;

function nums(ifd: TiffIfd, id: number): number[] | undefined {
  const v = ifd[`t${id}`];
  if (!Array.isArray(v) && !(v instanceof Uint8Array)) return undefined;
  // Every tag read here is an integer; one written as a rational, float or text (a damaged file) is refused.
  const list = Array.from(v as ArrayLike<unknown>);
  return list.every((x) => Number.isInteger(x)) ? (list as number[]) : undefined;
}

/**
 * Checks strips or tiles against the file and the image size; trims surplus strips so the decoder never
 * walks them. Throws an Error with a reason the Data view can show.
 */
export function checkPixelData(ifd: TiffIfd, width: number, height: number, bitsPerPixel: number, compression: number, fileLength: number): void {
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  const tiled = ifd.t322 !== undefined;
  let offsets = nums(ifd, tiled ? 324 : 273) ?? (tiled ? nums(ifd, 273) : undefined);
  let counts = nums(ifd, tiled ? 325 : 279);
  if (!offsets || offsets.length === 0) throw new Error('Damaged TIFF: no strip or tile offsets');
  let needed: number;
  if (tiled) {
    const tw = nums(ifd, 322)?.[0] ?? 0;
    const th = nums(ifd, 323)?.[0] ?? 0;
    if (tw <= 0 || th <= 0 || tw * th > MAX_TILE_PIXELS) throw new Error(`Damaged TIFF: impossible tile size ${tw}×${th}`);
    needed = Math.ceil(width / tw) * Math.ceil(height / th);
  } else if (compression === 1 && offsets.length === 1) {
    // utif2 reads a single uncompressed strip as the whole image, whatever its byte count says.
    counts = [rowBytes * height];
    needed = 1;
  } else {
    const rps = Math.min(nums(ifd, 278)?.[0] ?? height, height);
    if (rps <= 0) throw new Error('Damaged TIFF: RowsPerStrip is 0');
    needed = Math.ceil(height / rps);
  }
  if (!counts) throw new Error('Damaged TIFF: no strip or tile byte counts');
  if (offsets.length < needed || counts.length < needed) {
    throw new Error(`Damaged TIFF: ${Math.min(offsets.length, counts.length)} strips or tiles where the image needs ${needed}`);
  }
  offsets = offsets.slice(0, needed);
  counts = counts.slice(0, needed);
  let total = 0;
  for (let i = 0; i < needed; i++) {
    if (offsets[i] + counts[i] > fileLength) throw new Error('Damaged TIFF: its pixel data runs past the end of the file (truncated?)');
    total += counts[i];
  }
  const imageBytes = rowBytes * height;
  const ratio = MAX_RATIO[compression] ?? 1;
  if (total * ratio < imageBytes) {
    throw new Error(`Damaged TIFF: ${total} bytes of ${NAMES[compression] ?? 'compressed'} data cannot hold a ${width}×${height} image (truncated, or a decompression bomb)`);
  }
  ifd[tiled ? 't324' : 't273'] = offsets;
  ifd[tiled ? 't325' : 't279'] = counts;
}

type Decompress = (img: TiffIfd, ifds: unknown, data: Uint8Array, off: number, len: number, cmpr: number, tgt: Uint8Array,
  toff: number, fo: number, w: number, h: number) => void;

/**
 * Wraps utif2's per-strip decompressor: LZW, Deflate and PackBits are decoded here into the strip's own
 * room (`w` × `h` samples), then utif2's copy with length 0 runs for its byte-order and predictor fix-ups.
 */
export function boundedDecompress(original: Decompress): Decompress {
  return (img, ifds, data, off, len, cmpr, tgt, toff, fo, w, h) => {
    if (cmpr !== 5 && cmpr !== 8 && cmpr !== 32946 && cmpr !== 32773) return original(img, ifds, data, off, len, cmpr, tgt, toff, fo, w, h);
    const bps = Math.min(32, nums(img, 258)?.[0] ?? 1);
    const spp = nums(img, 277)?.[0] ?? 1;
    const room = Math.ceil((bps * spp * w) / 8) * h;
    const out = tgt.subarray(Math.min(toff, tgt.length), Math.min(tgt.length, toff + room));
    const src = data.subarray(off, off + len);
    if (cmpr === 5) lzwDecode(src, 0, src.length, out, 0);
    else if (cmpr === 32773) unpackBits(src, out);
    else inflateInto(src, out);
    original(img, ifds, data, off, 0, 1, tgt, toff, fo, w, h);
  };
}

export function unpackBits(src: Uint8Array, out: Uint8Array): number {
  let i = 0;
  let o = 0;
  while (i < src.length && o < out.length) {
    const n = (src[i++] << 24) >> 24;
    if (n >= 0) {
      const end = Math.min(i + n + 1, src.length);
      while (i < end && o < out.length) out[o++] = src[i++];
      i = end;
    } else if (n !== -128) {
      const v = src[i++];
      for (let k = 0; k < 1 - n && o < out.length; k++) out[o++] = v;
    }
  }
  return o;
}

const FULL = new Error('full');

/**
 * zlib-wrapped Deflate into `out`, fed in small pieces so that a bomb stops one piece past `out`'s end.
 * `work` (tests) counts the compressed bytes fed.
 */
export function inflateInto(src: Uint8Array, out: Uint8Array, work?: { inputBytes: number }): number {
  if (src.length < 2) throw new Error('Damaged TIFF: empty Deflate strip');
  let o = 0;
  const inf = new Inflate((chunk) => {
    const n = Math.min(chunk.length, out.length - o);
    out.set(chunk.subarray(0, n), o);
    o += n;
    if (o >= out.length) throw FULL;
  });
  const body = src.subarray(2);
  try {
    for (let i = 0; i < body.length; i += 1024) {
      const piece = body.subarray(i, i + 1024);
      if (work) work.inputBytes += piece.length;
      inf.push(piece, i + 1024 >= body.length);
    }
  } catch (err) {
    if (err !== FULL) throw new Error(`Damaged TIFF: bad Deflate data (${(err as Error)?.message ?? String(err)})`);
  }
  return o;
}
