import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { generateSemImage } from '../../src/shared/synth/index';
import { decodePngGray, encodePng, encodeRgbPng } from './png';

describe('png', () => {
  it('round-trips a grayscale image through pngjs, as 8-bit colour type 0', () => {
    const img = generateSemImage({ kind: 'mems', width: 97, height: 61, seed: 3, dataBar: { style: 'bright', position: 'bottom' } });
    const buf = encodePng(img);
    expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: bit depth at byte 24, colour type at byte 25.
    expect(buf[24]).toBe(8);
    expect(buf[25]).toBe(0);
    const back = PNG.sync.read(buf);
    expect([back.width, back.height]).toEqual([97, 61]);
    for (let i = 0; i < 97 * 61; i++) {
      if (back.data[4 * i] !== img.data[i] || back.data[4 * i + 2] !== img.data[i]) throw new Error(`pixel ${i} differs`);
    }
    expect(Buffer.from(decodePngGray(buf).data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('works with a subarray view and rejects a wrong length', () => {
    const backing = new Uint8Array(10 + 6).fill(7);
    const view = backing.subarray(10);
    view.set([0, 50, 100, 150, 200, 250]);
    expect(Array.from(decodePngGray(encodePng({ width: 3, height: 2, data: view })).data)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(() => encodePng({ width: 3, height: 3, data: view })).toThrow(/length/);
  });

  it('encodes RGB (colour type 2)', () => {
    const rgb = new Uint8Array([255, 0, 0, 0, 255, 0]);
    const buf = encodeRgbPng(2, 1, rgb);
    expect(buf[25]).toBe(2);
    const back = PNG.sync.read(buf);
    expect(Array.from(back.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
  });
});
