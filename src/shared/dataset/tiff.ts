// TIFF → 8-bit pixels. Browsers cannot decode TIFF, yet it is what most SEM instruments save, often as
// 16-bit gray. utif2 does the container and decompression work; this module checks the layout first (so a
// huge or exotic file fails with a sentence, not an out-of-memory or a garbage image) and turns 16-bit
// samples into 8 bits by a percentile stretch: SEM detectors rarely use the full 16-bit range, so taking the
// high byte would give a dark, flat image, and taking the low byte would wrap around.

import UTIF from 'utif2';
import { readTiffDirectory, tagText, type TiffIfd } from './tiffIfd';
import { boundedDecompress, checkPixelData } from './tiffStrips';

export interface DecodedTiff {
  width: number;
  height: number;
  channels: 1 | 3;
  /** Interleaved 8-bit samples, row-major. */
  data: Uint8Array;
  /** Bits per sample in the file (the output is always 8). */
  sourceBits: 8 | 16;
  /** Number of pages (images) in the file; only the first is decoded. */
  pages: number;
  /** The first page's instrument metadata text: FEI/Thermo tag 34682, Zeiss tag 34118 (null when absent). */
  vendorText: { fei: string | null; zeiss: string | null };
}

export interface TiffDecodeOptions {
  /** Percentiles for the 16-bit stretch, in percent. Defaults 0.1 and 99.9. */
  lowPercentile?: number;
  highPercentile?: number;
  maxSide?: number;
  maxPixels?: number;
}

export const TIFF_MAX_SIDE = 20_000;
export const TIFF_MAX_PIXELS = 200_000_000;

const COMPRESSIONS: Record<number, string> = { 1: 'none', 5: 'LZW', 8: 'Deflate', 32946: 'Deflate', 32773: 'PackBits' };
const UNSUPPORTED_COMPRESSIONS: Record<number, string> = {
  2: 'CCITT', 3: 'CCITT fax 3', 4: 'CCITT fax 4', 6: 'old-style JPEG', 7: 'JPEG', 34712: 'JPEG 2000',
};

type Ifd = TiffIfd;

function tag(ifd: Ifd, id: number): number[] | undefined {
  const v = ifd[`t${id}`];
  if (!Array.isArray(v) && !(v instanceof Uint8Array)) return undefined;
  // Every tag read here is an integer; one written as a rational, float or text (a damaged file) is refused.
  const list = Array.from(v as ArrayLike<unknown>);
  return list.every((x) => Number.isInteger(x)) ? (list as number[]) : undefined;
}

export function isTiff(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42 && bytes[3] === 0) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 42));
}

export function decodeTiff(input: ArrayBuffer | Uint8Array, opts: TiffDecodeOptions = {}): DecodedTiff {
  // utif2 reads through `data.buffer` at absolute offsets, so it must get a whole ArrayBuffer.
  const buffer = input instanceof Uint8Array
    ? (input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input.buffer : input.slice().buffer) as ArrayBuffer
    : input;
  const head = new Uint8Array(buffer, 0, Math.min(4, buffer.byteLength));
  if (head.length >= 4 && (head[2] === 43 || head[3] === 43)) throw new Error('BigTIFF files are not supported');
  if (!isTiff(head)) throw new Error('Not a TIFF file (no II*/MM* signature)');

  // Our own directory reader (see tiffIfd.ts), then checks of the pixel data's extent before utif2 decodes.
  const { ifd, pages } = readTiffDirectory(new Uint8Array(buffer));
  const layout = checkLayout(ifd, opts);
  const compression = tag(ifd, 259)?.[0] ?? 1;
  checkPixelData(ifd, layout.width, layout.height, layout.bits * layout.spp, compression, buffer.byteLength);

  useBoundedDecoders();
  try {
    UTIF.decodeImage(buffer, ifd as unknown as UTIF.IFD);
  } catch (err) {
    throw new Error(`Damaged TIFF: cannot decompress its pixels (${describe(err)})`);
  }
  const { width, height, spp, bits, channels, whiteIsZero } = layout;
  const samples = width * height * spp;
  const raw = (ifd as { data?: Uint8Array }).data;
  if (!raw || raw.length < samples * (bits / 8)) throw new Error('Damaged TIFF: pixel data is shorter than the image');

  const data = new Uint8Array(width * height * channels);
  if (bits === 8) {
    for (let p = 0, o = 0; o < data.length; p += spp) for (let c = 0; c < channels; c++) data[o++] = raw[p + c];
    if (whiteIsZero) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i];
  } else {
    // utif2 converts 16-bit strips to little-endian in place whatever the file's byte order (the unit tests
    // pin this for II and MM files), so the samples are read as LE here.
    const values = new Uint16Array(data.length);
    for (let p = 0, o = 0; o < values.length; p += spp) {
      for (let c = 0; c < channels; c++) {
        const i = (p + c) * 2;
        const x = raw[i] | (raw[i + 1] << 8);
        values[o++] = whiteIsZero ? 65535 - x : x;
      }
    }
    stretch16(values, data, opts.lowPercentile ?? 0.1, opts.highPercentile ?? 99.9);
  }
  const vendorText = { fei: tagText(ifd, 34682), zeiss: tagText(ifd, 34118) };
  return { width, height, channels, data, sourceBits: bits, pages, vendorText };
}

type Decompress = Parameters<typeof boundedDecompress>[0];
const decodeNs = UTIF.decode as unknown as { _decompress: Decompress & { bounded?: true } };
const original = decodeNs._decompress;
const bounded = Object.assign(boundedDecompress(original), { bounded: true as const });

/**
 * utif2's decompressors trust the file (its LZW can loop forever on a damaged strip, its Deflate inflates
 * without limit): swap in ours (tiffStrips.ts). utif2 calls them through this property, so one assignment
 * covers every strip and tile. Done on first use rather than at import, so importing has no side effect.
 */
function useBoundedDecoders(): void {
  if (decodeNs._decompress !== bounded) decodeNs._decompress = bounded;
}

interface Layout {
  width: number;
  height: number;
  spp: number;
  bits: 8 | 16;
  channels: 1 | 3;
  whiteIsZero: boolean;
}

function checkLayout(ifd: Ifd, opts: TiffDecodeOptions): Layout {
  const width = tag(ifd, 256)?.[0] ?? 0;
  const height = tag(ifd, 257)?.[0] ?? 0;
  if (width <= 0 || height <= 0) throw new Error('Damaged TIFF: no image size');
  const maxSide = opts.maxSide ?? TIFF_MAX_SIDE;
  const maxPixels = opts.maxPixels ?? TIFF_MAX_PIXELS;
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new Error(`TIFF image too large: ${width}×${height} (limit ${maxSide} px a side, ${maxPixels / 1e6} megapixels)`);
  }
  const compression = tag(ifd, 259)?.[0] ?? 1;
  if (!(compression in COMPRESSIONS)) {
    const name = UNSUPPORTED_COMPRESSIONS[compression] ?? `code ${compression}`;
    throw new Error(`TIFF compression ${name} is not supported (use uncompressed, LZW, PackBits or Deflate)`);
  }
  const bitList = tag(ifd, 258) ?? [1];
  const bits = bitList[0];
  if ((bits !== 8 && bits !== 16) || bitList.some((b) => b !== bits)) {
    throw new Error(`TIFF with ${bitList.join('/')} bits per sample is not supported (8 or 16 only)`);
  }
  const format = tag(ifd, 339)?.[0] ?? 1;
  if (format !== 1) throw new Error(`TIFF with ${format === 3 ? 'floating-point' : 'signed'} samples is not supported`);
  const spp = tag(ifd, 277)?.[0] ?? 1;
  if (spp < 1 || spp > 4) throw new Error(`TIFF with ${spp} samples per pixel is not supported (1 to 4)`);
  const photometric = tag(ifd, 262)?.[0] ?? 1;
  if (spp > 1 && (tag(ifd, 284)?.[0] ?? 1) === 2) throw new Error('TIFF with separate colour planes is not supported');
  if ((photometric === 0 || photometric === 1) && spp >= 1) {
    return { width, height, spp, bits, channels: 1, whiteIsZero: photometric === 0 };
  }
  if (photometric === 2 && spp >= 3) return { width, height, spp, bits, channels: 3, whiteIsZero: false };
  const names: Record<number, string> = { 3: 'palette', 4: 'mask', 5: 'CMYK', 6: 'YCbCr', 8: 'CIELab' };
  throw new Error(`TIFF colour model ${names[photometric] ?? photometric} is not supported (gray or RGB only)`);
}

/**
 * Maps 16-bit samples to 8 bits linearly between two percentiles of their histogram (one pass to count,
 * one through a 64K lookup table: no sort, so a 100-megapixel frame stays fast). All channels share one
 * mapping, which keeps colour balance.
 */
export function stretch16(values: Uint16Array, out: Uint8Array, lowPct = 0.1, highPct = 99.9): { lo: number; hi: number } {
  const hist = new Uint32Array(65536);
  for (let i = 0; i < values.length; i++) hist[values[i]]++;
  let lo = percentileOf(hist, values.length, lowPct);
  let hi = percentileOf(hist, values.length, highPct);
  if (hi <= lo) {
    // Nearly constant image: fall back to the full range actually used, and if even that is one value,
    // keep its absolute brightness.
    lo = percentileOf(hist, values.length, 0);
    hi = percentileOf(hist, values.length, 100);
  }
  const lut = new Uint8Array(65536);
  if (hi <= lo) {
    for (let v = 0; v < 65536; v++) lut[v] = Math.round(v / 257);
  } else {
    const scale = 255 / (hi - lo);
    for (let v = 0; v < 65536; v++) lut[v] = v <= lo ? 0 : v >= hi ? 255 : Math.round((v - lo) * scale);
  }
  for (let i = 0; i < values.length; i++) out[i] = lut[values[i]];
  return { lo, hi };
}

/** Smallest value v such that at least pct% of the samples are ≤ v. */
function percentileOf(hist: Uint32Array, total: number, pct: number): number {
  const target = Math.max(1, Math.ceil((Math.min(100, Math.max(0, pct)) / 100) * total));
  let seen = 0;
  for (let v = 0; v < hist.length; v++) {
    seen += hist[v];
    if (seen >= target) return v;
  }
  return hist.length - 1;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
