// Fuzz of the import path's byte readers: thousands of mutated valid files (bit flips, truncations, absurd
// sizes, counts and offsets, garbage strips) and hand-made hostile ones. Each must decode or throw an Error
// with a message: no hang, no non-Error throw, no allocation past a bound. Seeds are fixed, so a failure
// prints a seed that reproduces it. FUZZ_COUNT (default 1500 per format) raises the count for test:stress.

import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodePng } from '../../../scripts/lib/png';
import { mutate, seedJpeg } from './fuzz';
import { lzwDecode } from './lzw';
import { jpegIsComplete, pngIsComplete, sniffImage } from './sniff';
import { decodeTiff, TIFF_MAX_PIXELS } from './tiff';
import { inflateInto, unpackBits } from './tiffStrips';
import { encodeTiff, type TiffPage } from './tiffWrite';

// utif2 logs a line for every tiled file it decodes; thousands of them would bury the report.
beforeAll(() => void vi.spyOn(console, 'log').mockImplementation(() => undefined));

const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const deflate = (b: Uint8Array): Uint8Array => new Uint8Array(deflateSync(b));

function gray(width: number, height: number, bits: 8 | 16 = 8, channels: 1 | 3 = 1): TiffPage {
  const n = width * height * channels;
  const data = bits === 8 ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) data[i] = bits === 8 ? (i * 7 + (i >> 5)) & 255 : (i * 263) & 0xffff;
  return { width, height, channels, bitsPerSample: bits, data };
}

const TIFF_SEEDS: Record<string, Uint8Array> = {
  none: encodeTiff(gray(40, 30), { rowsPerStrip: 7 }),
  packbits: encodeTiff(gray(40, 30), { compression: 'packbits', littleEndian: false }),
  lzw: encodeTiff(gray(64, 40), { compression: 'lzw', rowsPerStrip: 8 }),
  lzw16pred: encodeTiff(gray(32, 24, 16), { compression: 'lzw', predictor: true, littleEndian: false }),
  deflateRgb: encodeTiff(gray(24, 20, 8, 3), { compression: 'deflate', deflate }),
  tiles: encodeTiff(gray(40, 40), { compression: 'lzw', tileSize: 16 }),
  pages: encodeTiff([gray(16, 16), gray(8, 8)], {}),
};
const PNG_SEED = new Uint8Array(encodePng({ width: 24, height: 18, data: gray(24, 18).data as Uint8Array }));
const JPEG_SEED = seedJpeg();

let slowest = 0;
afterAll(() => process.stdout.write(`fuzz: slowest single case ${slowest.toFixed(0)} ms\n`));

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Runs `fn`, demanding a result or an Error with a message. No clock limit (a loaded machine would fail it):
 * the work a case may do is bounded by what it may produce (checkBounded: pixels ≤ TIFF_MAX_PIXELS), and a
 * case that never ends fails on the test's timeout. The slowest case is reported.
 */
function outcome(label: string, fn: () => unknown): Outcome {
  const t0 = performance.now();
  let out: Outcome;
  try {
    fn();
    out = { ok: true };
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`${label}: threw a non-Error: ${String(err)}`);
    if (!err.message) throw new Error(`${label}: threw an Error without a message`);
    out = { ok: false, message: err.message };
  }
  const ms = performance.now() - t0;
  slowest = Math.max(slowest, ms);
  return out;
}

function checkBounded(label: string, img: { width: number; height: number; channels: number; data: Uint8Array }, fileLength: number): void {
  // Anything decoded from a small file must be small: the compression-ratio check refuses the rest.
  if (img.data.length > Math.max(1400 * fileLength, 1e6)) throw new Error(`${label}: ${img.data.length} samples from ${fileLength} bytes`);
  if (img.data.length !== img.width * img.height * img.channels) {
    throw new Error(`${label}: ${img.data.length} samples for ${img.width}×${img.height}×${img.channels}`);
  }
}

describe(`fuzz: TIFF decoder (${COUNT} mutations per seed)`, () => {
  for (const [name, seed] of Object.entries(TIFF_SEEDS)) {
    it(`${name}: every mutated file decodes or fails with a message`, () => {
      expect(decodeTiff(seed).width).toBeGreaterThan(0);
      const seen = { ok: 0, refused: 0 };
      for (let s = 1; s <= COUNT; s++) {
        const { bytes } = mutate(seed, s * 7919 + name.length);
        const label = `tiff ${name} seed ${s * 7919 + name.length}`;
        let img: ReturnType<typeof decodeTiff> | null = null;
        const r = outcome(label, () => (img = decodeTiff(bytes)));
        if (r.ok && img) checkBounded(label, img, bytes.length);
        outcome(`${label} (sniff)`, () => sniffImage(bytes));
        seen[r.ok ? 'ok' : 'refused']++;
      }
      // The mutations must exercise both paths, or the fuzz proves nothing.
      expect(seen.ok).toBeGreaterThan(COUNT / 20);
      expect(seen.refused).toBeGreaterThan(COUNT / 20);
    });
  }
});

describe(`fuzz: PNG and JPEG header readers (${COUNT * 4} mutations each)`, () => {
  for (const [name, seed, complete] of [['png', PNG_SEED, pngIsComplete], ['jpeg', JPEG_SEED, jpegIsComplete]] as const) {
    it(`${name}: sniff and completeness checks never throw or hang`, () => {
      expect(complete(seed)).toBe(true);
      for (let s = 1; s <= COUNT * 4; s++) {
        const { bytes } = mutate(seed, s);
        for (const fn of [() => sniffImage(bytes), () => complete(bytes)]) {
          const r = outcome(`${name} seed ${s}`, fn);
          expect(r.ok, `${name} seed ${s}`).toBe(true);
        }
        const sniffed = sniffImage(bytes);
        if (sniffed.ok && sniffed.format !== 'tiff') expect(sniffed.width * sniffed.height).toBeLessThanOrEqual(200_000_000);
      }
    });
  }

  it('a truncated JPEG is told apart from a complete one at every cut', () => {
    for (let cut = 1; cut < JPEG_SEED.length - 1; cut++) expect(jpegIsComplete(JPEG_SEED.subarray(0, cut)), `cut ${cut}`).toBe(false);
    // Trailing bytes after EOI (some cameras append data) keep the file complete.
    expect(jpegIsComplete(new Uint8Array([...JPEG_SEED, 0, 0, 1, 2]))).toBe(true);
  });
});

describe('fuzz: raw decompressors on random input', () => {
  it('LZW, PackBits and Deflate stop at the output room whatever the input', () => {
    for (let s = 1; s <= COUNT; s++) {
      const { bytes } = mutate(new Uint8Array(512).map((_, i) => (i * 31 + s) & 255), s);
      const out = new Uint8Array(1000);
      outcome(`lzw ${s}`, () => expect(lzwDecode(bytes, 0, bytes.length, out, 0)).toBeLessThanOrEqual(1000));
      outcome(`packbits ${s}`, () => expect(unpackBits(bytes, out)).toBeLessThanOrEqual(1000));
      outcome(`deflate ${s}`, () => inflateInto(bytes, out));
    }
  });
});

/** Sets one tag's value (or its value offset) in the first directory of a little-endian seed. */
function patchTag(file: Uint8Array, tagId: number, patch: { type?: number; count?: number; value?: number }): Uint8Array {
  const b = file.slice();
  const v = new DataView(b.buffer);
  const ifd = v.getUint32(4, true);
  const n = v.getUint16(ifd, true);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + 12 * i;
    if (v.getUint16(e, true) !== tagId) continue;
    if (patch.type !== undefined) v.setUint16(e + 2, patch.type, true);
    if (patch.count !== undefined) v.setUint32(e + 4, patch.count, true);
    if (patch.value !== undefined) {
      if (v.getUint16(e + 2, true) === 3 && v.getUint32(e + 4, true) === 1) v.setUint16(e + 8, patch.value, true);
      else v.setUint32(e + 8, patch.value, true);
    }
    return b;
  }
  throw new Error(`tag ${tagId} not in the seed`);
}

describe('hostile TIFFs made by hand: refused with a reason, fast', () => {
  const lzwSeed = TIFF_SEEDS.lzw;
  const cases: [string, Uint8Array, RegExp][] = [
    ['60000 × 60000 declared in a tiny file', patchTag(patchTag(lzwSeed, 256, { type: 4, value: 60000 }), 257, { type: 4, value: 60000 }), /too large/],
    ['LZW bomb: 20000 × 10000 from a few KB', patchTag(patchTag(lzwSeed, 256, { value: 20000 }), 257, { value: 10000 }), /decompression bomb|strips/],
    ['4 billion strip offsets', patchTag(lzwSeed, 273, { count: 0xffffffff }), /past the end/],
    ['strip offset past the end', patchTag(TIFF_SEEDS.none, 273, { count: 1, value: 0x7fffffff }), /past the end|strips/],
    ['RowsPerStrip 0', patchTag(lzwSeed, 278, { value: 0 }), /RowsPerStrip/],
    ['65535 samples per pixel', patchTag(lzwSeed, 277, { value: 65535 }), /samples per pixel/],
    ['1 × 1 tiles over the whole image', patchTag(patchTag(TIFF_SEEDS.tiles, 322, { value: 1 }), 323, { value: 1 }), /strips or tiles/],
    ['tile of 65535 × 65535', patchTag(patchTag(TIFF_SEEDS.tiles, 322, { value: 65535 }), 323, { value: 65535 }), /tile size/],
    ['directory offset past the end', (() => { const b = lzwSeed.slice(); new DataView(b.buffer).setUint32(4, 0xfffffff0, true); return b; })(), /outside the file/],
    ['header only', lzwSeed.subarray(0, 8), /outside the file|too short/],
    // Found by test:stress: a width written as a rational (read as a pair) or as a tiny double passed the size checks.
    ['width as a RATIONAL', patchTag(lzwSeed, 256, { type: 5, count: 1, value: 8 }), /no image size/],
    ['width as a DOUBLE', patchTag(lzwSeed, 256, { type: 12, count: 1, value: 8 }), /no image size|too large/],
  ];
  for (const [name, file, reason] of cases) {
    it(name, () => {
      const r = outcome(name, () => decodeTiff(file));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(reason);
    });
  }

  it('a page chain that loops back on itself is counted once, not forever', () => {
    const b = TIFF_SEEDS.pages.slice();
    const v = new DataView(b.buffer);
    const first = v.getUint32(4, true);
    const n = v.getUint16(first, true);
    v.setUint32(first + 2 + 12 * n, first, true); // next-IFD pointer → itself
    expect(decodeTiff(b).pages).toBe(1);
  });

  it('a Deflate strip that inflates far past its image stops at the image', () => {
    // One 1000 × 1000 strip whose stream holds 64 MB of zeros: the ratio check lets it through (64 KB of
    // data could hold the image), and the bounded inflater stops after 1 MB.
    const file = encodeTiff(gray(1000, 1000), { compression: 'deflate', deflate: () => deflate(new Uint8Array(64 << 20)) });
    const img = decodeTiff(file);
    expect(img.width * img.height).toBe(1_000_000);
    // Work bound, not time: of the ~64 KB stream, only what fills the 1 MB image (plus one 1 KB piece) is read.
    const stream = deflate(new Uint8Array(64 << 20));
    const work = { inputBytes: 0 };
    expect(inflateInto(stream, new Uint8Array(1_000_000), work)).toBe(1_000_000);
    expect(stream.length).toBeGreaterThan(60_000);
    expect(work.inputBytes).toBeLessThanOrEqual(1_000_000 / 1000 + 2048);
    expect(TIFF_MAX_PIXELS).toBe(200_000_000);
  });
});
