import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkPixelData, inflateInto, unpackBits } from './tiffStrips';
import { packBits } from './tiffWrite';

describe('bounded strip decoders', () => {
  const data = Uint8Array.from({ length: 3000 }, (_, i) => ((i >> 4) % 3 === 0 ? 7 : i & 255));
  it('PackBits and Deflate round-trip, and stop at the output room', () => {
    const out = new Uint8Array(3000);
    expect(unpackBits(packBits(data, 100), out)).toBe(3000);
    expect(out).toEqual(data);
    const small = new Uint8Array(100);
    expect(unpackBits(packBits(data, 100), small)).toBe(100);
    expect(small).toEqual(data.subarray(0, 100));
    const z = new Uint8Array(deflateSync(data));
    const out2 = new Uint8Array(3000);
    expect(inflateInto(z, out2)).toBe(3000);
    expect(out2).toEqual(data);
    expect(inflateInto(z, new Uint8Array(10))).toBe(10);
  });
  it('garbage Deflate fails with a sentence', () => {
    expect(() => inflateInto(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]), new Uint8Array(10))).toThrow(/Damaged TIFF: bad Deflate data/);
  });
});

describe('checkPixelData', () => {
  it('trims surplus strips and refuses missing ones, ranges past the end, and bombs', () => {
    const ifd: Record<string, unknown> = { t273: [8, 108, 208, 999], t279: [100, 100, 100, 5], t278: [10] };
    checkPixelData(ifd, 10, 30, 8, 1, 400);
    expect(ifd.t273).toEqual([8, 108, 208]);
    expect(() => checkPixelData({ t273: [8], t279: [100], t278: [10] }, 10, 30, 8, 5, 400)).toThrow(/1 strips or tiles where the image needs 3/);
    expect(() => checkPixelData({ t273: [8, 108, 350], t279: [100, 100, 100], t278: [10] }, 10, 30, 8, 5, 400)).toThrow(/past the end/);
    expect(() => checkPixelData({ t273: [8], t279: [10] }, 20000, 10000, 8, 5, 400)).toThrow(/decompression bomb/);
  });
});
