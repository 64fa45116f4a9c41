import { describe, expect, it } from 'vitest';
import { encodeHalf, fromHalfBits, roundToHalf, toHalfBits, weightsToHalf } from './float16';

describe('float16', () => {
  it('known bit patterns', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(1e6)).toBe(0x7c00);
    expect(toHalfBits(2 ** -24)).toBe(0x0001);
    expect(toHalfBits(0)).toBe(0);
    expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
  });
  it('round trip within half an ulp (relative 2^-11) over the normal range', () => {
    for (const v of [0.1, -0.3333, 3.14159, 1234.5, 6e-5, -0.007]) {
      const r = fromHalfBits(toHalfBits(v));
      expect(Math.abs(r - v) / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
    }
    // ties go to even: 1 + 2^-11 lies halfway between 1 and 1 + 2^-10
    expect(fromHalfBits(toHalfBits(1 + 2 ** -11))).toBe(1);
    expect(fromHalfBits(toHalfBits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
  });
  it('roundToHalf equals decoding the encoded bytes', () => {
    const v = new Float32Array([0.5, 0.1, -7.25, 1e-3]);
    const bytes = new Uint16Array(encodeHalf(v).buffer);
    expect(Array.from(roundToHalf(v))).toEqual(Array.from(bytes, fromHalfBits).map((x) => Math.fround(x)));
  });
  it('weightsToHalf halves float32 weights, keeps int32 ones, and marks the specs', () => {
    const w = new Float32Array([1, 2, 3, 4, 5, 6]);
    const ints = new Int32Array([7, 8]);
    const data = new Uint8Array(w.byteLength + ints.byteLength);
    data.set(new Uint8Array(w.buffer), 0);
    data.set(new Uint8Array(ints.buffer), w.byteLength);
    const out = weightsToHalf([{ name: 'k', shape: [2, 3], dtype: 'float32' }, { name: 'i', shape: [2], dtype: 'int32' }], data);
    expect(out.data.byteLength).toBe(12 + 8);
    expect(out.specs[0].quantization).toEqual({ dtype: 'float16' });
    expect(out.specs[1].quantization).toBeUndefined();
    expect(Array.from(new Uint16Array(out.data.slice(0, 12).buffer), fromHalfBits)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(new Int32Array(out.data.slice(12).buffer))).toEqual([7, 8]);
  });
});
