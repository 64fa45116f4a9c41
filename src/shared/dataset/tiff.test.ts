import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTiff, stretch16 } from './tiff';
import { encodeTiff, packBits, type TiffCompression, type TiffPage, type TiffWriteOptions } from './tiffWrite';

const deflate = (b: Uint8Array): Uint8Array => new Uint8Array(deflateSync(b));

function page8(width: number, height: number, channels: 1 | 3, seed = 1): TiffPage {
  const data = new Uint8Array(width * height * channels);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    // Mix of runs and noise, so PackBits and LZW both see repeats and literals.
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    data[i] = (i >> 3) % 7 === 0 ? 200 : s >>> 24;
  }
  return { width, height, channels, bitsPerSample: 8, data };
}

function page16(width: number, height: number, channels: 1 | 3, f: (i: number) => number): TiffPage {
  const data = new Uint16Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = f(i);
  return { width, height, channels, bitsPerSample: 16, data };
}

const COMPRESSIONS: TiffCompression[] = ['none', 'packbits', 'lzw', 'deflate'];

describe('decodeTiff, 8-bit', () => {
  for (const compression of COMPRESSIONS) {
    for (const channels of [1, 3] as const) {
      for (const littleEndian of [true, false]) {
        it(`${compression}, ${channels === 1 ? 'gray' : 'RGB'}, ${littleEndian ? 'II' : 'MM'}: exact pixels`, () => {
          const p = page8(37, 23, channels, channels * 7 + (littleEndian ? 1 : 2));
          const file = encodeTiff(p, { compression, littleEndian, deflate, rowsPerStrip: 5 });
          const img = decodeTiff(file);
          expect([img.width, img.height, img.channels, img.sourceBits]).toEqual([37, 23, channels, 8]);
          expect(img.data).toEqual(p.data);
        });
      }
    }
  }

  it('LZW and Deflate with the horizontal predictor', () => {
    for (const compression of ['lzw', 'deflate'] as const) {
      const p = page8(64, 16, 3, 5);
      expect(decodeTiff(encodeTiff(p, { compression, predictor: true, deflate })).data).toEqual(p.data);
    }
  });

  it('LZW across code-width changes and table resets (large, varied strip)', () => {
    const p = page8(512, 300, 1, 99);
    expect(decodeTiff(encodeTiff(p, { compression: 'lzw' })).data).toEqual(p.data);
  });

  it('a damaged LZW strip decodes to something (or fails) instead of hanging', () => {
    const file = encodeTiff(page8(256, 64, 1, 4), { compression: 'lzw' });
    for (let i = 40; i < 4000; i += 37) file[i] ^= 0x5a;
    let img: ReturnType<typeof decodeTiff> | null = null;
    try {
      img = decodeTiff(file);
    } catch (err) {
      expect(String(err)).toMatch(/TIFF/);
    }
    if (img) expect(img.data.length).toBe(256 * 64);
  });

  it('tiled files', () => {
    const p = page8(40, 35, 1, 3);
    expect(decodeTiff(encodeTiff(p, { tileSize: 16, compression: 'packbits' })).data).toEqual(p.data);
  });

  it('WhiteIsZero is inverted', () => {
    const p = page8(8, 4, 1);
    const img = decodeTiff(encodeTiff(p, { whiteIsZero: true }));
    expect(Array.from(img.data)).toEqual(Array.from(p.data, (v) => 255 - v));
  });

  it('multi-page: first page decoded, pages counted', () => {
    const a = page8(10, 6, 1, 1);
    const b = page8(20, 12, 3, 2);
    const img = decodeTiff(encodeTiff([a, b], { compression: 'lzw' }));
    expect([img.width, img.height, img.pages]).toEqual([10, 6, 2]);
    expect(img.data).toEqual(a.data);
  });

  it('accepts a Uint8Array view with an offset', () => {
    const p = page8(9, 9, 1);
    const file = encodeTiff(p);
    const padded = new Uint8Array(file.length + 10);
    padded.set(file, 10);
    expect(decodeTiff(padded.subarray(10)).data).toEqual(p.data);
  });
});

describe('decodeTiff, 16-bit', () => {
  for (const compression of COMPRESSIONS) {
    for (const littleEndian of [true, false]) {
      for (const predictor of compression === 'lzw' || compression === 'deflate' ? [false, true] : [false]) {
        it(`${compression}${predictor ? '+predictor' : ''}, ${littleEndian ? 'II' : 'MM'}: stretch between percentiles`, () => {
          // A ramp 1000..1000+255*40 in gray: percentiles 0.1/99.9 sit near the ends.
          const w = 256;
          const h = 8;
          const p = page16(w, h, 1, (i) => 1000 + (i % w) * 40);
          const img = decodeTiff(encodeTiff(p, { compression, littleEndian, predictor, deflate, rowsPerStrip: 3 }));
          expect(img.sourceBits).toBe(16);
          for (let x = 0; x < w; x++) expect(Math.abs(img.data[x] - x)).toBeLessThanOrEqual(1);
          expect(img.data[0]).toBe(0);
          expect(img.data[w - 1]).toBe(255);
        });
      }
    }
  }

  it('values only in the low byte are stretched, not lost (both byte orders)', () => {
    for (const littleEndian of [true, false]) {
      const p = page16(200, 5, 1, (i) => 20 + (i % 200)); // 20..219, high byte always 0
      const img = decodeTiff(encodeTiff(p, { littleEndian }));
      expect(img.data[0]).toBe(0);
      expect(img.data[199]).toBe(255);
      expect(img.data[100]).toBeGreaterThan(120);
      expect(img.data[100]).toBeLessThan(135);
    }
  });

  it('byte order: a value whose bytes differ maps the same in II and MM', () => {
    // 0x0102 vs 0x0201 would swap the two halves of the histogram if the order were misread.
    const f = (i: number): number => (i % 2 === 0 ? 0x0102 : 0x3000 + (i % 50));
    const a = decodeTiff(encodeTiff(page16(100, 4, 1, f), { littleEndian: true }));
    const b = decodeTiff(encodeTiff(page16(100, 4, 1, f), { littleEndian: false }));
    expect(b.data).toEqual(a.data);
    expect(a.data[0]).toBe(0);
  });

  it('RGB 16-bit keeps one mapping for all channels', () => {
    const p = page16(50, 4, 3, (i) => (i % 3 === 0 ? 5000 : i % 3 === 1 ? 10000 : 15000) + (i % 7));
    const img = decodeTiff(encodeTiff(p, { littleEndian: false, compression: 'lzw' }));
    expect(img.channels).toBe(3);
    expect(img.data[0]).toBeLessThan(10);
    expect(Math.abs(img.data[1] - 128)).toBeLessThan(10);
    expect(img.data[2]).toBeGreaterThan(245);
  });

  it('outliers beyond the percentiles saturate instead of compressing the range', () => {
    const values = new Uint16Array(10000);
    for (let i = 0; i < values.length; i++) values[i] = 3000 + (i % 1000);
    values[0] = 0;
    values[1] = 65535;
    const out = new Uint8Array(values.length);
    const { lo, hi } = stretch16(values, out);
    expect(lo).toBeGreaterThanOrEqual(3000);
    expect(hi).toBeLessThanOrEqual(3999);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(255);
  });

  it('a constant image keeps its brightness', () => {
    const img = decodeTiff(encodeTiff(page16(10, 10, 1, () => 0x8080)));
    expect(img.data.every((v) => v === 128)).toBe(true);
  });
});

describe('decodeTiff refuses what it cannot do, with a sentence', () => {
  const tiny = page8(4, 4, 1);
  const withTag = (file: Uint8Array, tagId: number, value: number): Uint8Array => {
    // Patch a SHORT/LONG tag value in place (first IFD, little-endian file).
    const v = new DataView(file.buffer);
    const ifd = v.getUint32(4, true);
    const n = v.getUint16(ifd, true);
    for (let i = 0; i < n; i++) {
      const at = ifd + 2 + i * 12;
      if (v.getUint16(at, true) !== tagId) continue;
      if (v.getUint16(at + 2, true) === 3) v.setUint16(at + 8, value, true);
      else v.setUint32(at + 8, value, true);
    }
    return file;
  };

  it('absurd dimensions', () => {
    expect(() => decodeTiff(withTag(encodeTiff(tiny), 256, 30000))).toThrow(/too large/);
    const big = withTag(withTag(encodeTiff(tiny), 256, 15000), 257, 15000);
    expect(() => decodeTiff(big)).toThrow(/too large.*megapixels/);
  });

  it('unsupported compression, bit depth, sample format, colour model', () => {
    expect(() => decodeTiff(withTag(encodeTiff(tiny), 259, 7))).toThrow(/JPEG is not supported/);
    expect(() => decodeTiff(withTag(encodeTiff(tiny), 258, 12))).toThrow(/12 bits per sample/);
    expect(() => decodeTiff(withTag(encodeTiff(tiny), 262, 3))).toThrow(/palette/);
  });

  it('not a TIFF, BigTIFF, truncated', () => {
    expect(() => decodeTiff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toThrow(/Not a TIFF/);
    expect(() => decodeTiff(new Uint8Array([0x49, 0x49, 43, 0, 8, 0, 0, 0]))).toThrow(/BigTIFF/);
    const file = encodeTiff(page8(64, 64, 1), {});
    expect(() => decodeTiff(file.slice(0, 200))).toThrow(/Damaged TIFF/);
  });
});

describe('tiffWrite helpers', () => {
  it('PackBits never lets a run cross a row', () => {
    const row = new Uint8Array([5, 5, 5, 5]);
    const two = new Uint8Array([...row, ...row]);
    expect(Array.from(packBits(two, 4))).toEqual([253, 5, 253, 5]);
  });

  it('options are validated', () => {
    const opts: TiffWriteOptions = { compression: 'deflate' };
    expect(() => encodeTiff(page8(2, 2, 1), opts)).toThrow(/deflate/);
  });
});

describe('decodeTiff, instrument tags', () => {
  const fei = '[Beam]\r\nHV=5000\r\n[Scan]\r\nPixelWidth=4.2e-009\r\n[Image]\r\nResolutionX=40\r\n';
  const zeiss = '0\r\nAP_IMAGE_PIXEL_SIZE\r\nImage Pixel Size = 4.200 nm\r\n';
  it('16-bit gray and 8-bit RGB frames keep their pixels and hand back the tags\' text', () => {
    const gray16 = page16(40, 30, 1, (i) => 1000 + (i % 40) * 300);
    const rgb = page8(40, 30, 3, 11);
    for (const [p, textTags] of [[gray16, [{ tag: 34682, text: fei }]], [rgb, [{ tag: 34118, text: zeiss, type: 'byte' as const }]]] as const) {
      const img = decodeTiff(encodeTiff(p, { compression: 'lzw', textTags }));
      expect([img.width, img.height, img.channels]).toEqual([40, 30, p.channels]);
      if (p.bitsPerSample === 8) expect(img.data).toEqual(p.data);
      expect(img.vendorText.fei?.startsWith('[Beam]') ?? false).toBe(p === gray16);
      expect(img.vendorText.zeiss?.includes('Image Pixel Size') ?? false).toBe(p === rgb);
    }
  });
});
