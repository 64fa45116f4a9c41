import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../scripts/lib/png';
import { encodeTiff } from './tiffWrite';
import { pngIsComplete, sniffImage } from './sniff';

const png = (w: number, h: number) => new Uint8Array(encodePng({ width: w, height: h, data: new Uint8Array(w * h) }));

describe('sniffImage', () => {
  it('reads PNG, TIFF and JPEG headers', () => {
    expect(sniffImage(png(7, 5))).toEqual({ ok: true, format: 'png', width: 7, height: 5 });
    const tif = encodeTiff({ width: 4, height: 3, channels: 1, bitsPerSample: 16, data: new Uint16Array(12) });
    expect(sniffImage(tif)).toMatchObject({ ok: true, format: 'tiff' });
    // Minimal JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 400.
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0x2c, 0x01, 0x90, 1, 1, 0x11, 0, 0, 0]);
    expect(sniffImage(jpg)).toEqual({ ok: true, format: 'jpeg', width: 400, height: 300 });
  });
  it('gives readable reasons for files that are not images', () => {
    expect(sniffImage(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty file (0 bytes)' });
    expect(sniffImage(new TextEncoder().encode('hello, this is a note\n'))).toEqual({ ok: false, reason: 'not an image: the file contains text' });
    expect(sniffImage(new Uint8Array([1, 2, 3, 0, 0, 9, 200]))).toEqual({ ok: false, reason: 'not an image: unknown file format' });
  });
  it('refuses frames over 20000 px a side or 200 MP from the header alone', () => {
    const big = png(2, 2);
    new DataView(big.buffer).setUint32(16, 25_000);
    expect(sniffImage(big)).toEqual({ ok: false, reason: 'image too large: 25000 × 2 px (limit 20000 px per side)' });
    new DataView(big.buffer).setUint32(16, 15_000);
    new DataView(big.buffer).setUint32(20, 15_000);
    expect(sniffImage(big)).toMatchObject({ ok: false, reason: 'image too large: 225 MP (limit 200 MP)' });
  });
  it('tells a truncated PNG from a complete one', () => {
    const full = png(40, 30);
    expect(pngIsComplete(full)).toBe(true);
    expect(pngIsComplete(full.subarray(0, full.length - 20))).toBe(false);
    expect(sniffImage(full.subarray(0, 40))).toMatchObject({ ok: true, width: 40 });
  });
});
