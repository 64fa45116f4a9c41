import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { lzwDecode, lzwEncode } from './lzw';

function sample(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = (i >> 4) % 5 === 0 ? 7 : (s >>> 24) & (i % 3 ? 255 : 15);
  }
  return out;
}

type Decoder = (src: Uint8Array, off: number, len: number, out: Uint8Array, outOff: number, n: number) => void;
// This file never imports tiff.ts, so utif2's own decoder is still in place: an independent check of the encoder.
const utifDecode = (UTIF.decode as unknown as { _decodeLZW: Decoder })._decodeLZW;

describe('lzw', () => {
  for (const n of [1, 10, 1000, 300_000]) {
    it(`round trip of ${n} bytes, through code-width changes and table resets`, () => {
      const data = sample(n, n);
      const enc = lzwEncode(data);
      const mine = new Uint8Array(n);
      expect(lzwDecode(enc, 0, enc.length, mine, 0)).toBe(n);
      expect(mine).toEqual(data);
      const theirs = new Uint8Array(n);
      utifDecode(enc, 0, enc.length, theirs, 0, 8);
      expect(theirs).toEqual(data);
    });
  }

  it('KwKwK strings and long runs', () => {
    const data = new Uint8Array(5000).fill(42);
    const enc = lzwEncode(data);
    const out = new Uint8Array(5000);
    lzwDecode(enc, 0, enc.length, out, 0);
    expect(out).toEqual(data);
  });

  it('decodes at an offset into a larger target, and stops when the target is full', () => {
    const data = sample(100, 3);
    const enc = lzwEncode(data);
    const src = new Uint8Array(enc.length + 5);
    src.set(enc, 5);
    const out = new Uint8Array(60);
    expect(lzwDecode(src, 5, enc.length, out, 10)).toBe(50);
    expect(out.subarray(10)).toEqual(data.subarray(0, 50));
  });

  it('terminates on damaged input (random bytes, truncation, flipped bits)', () => {
    const enc = lzwEncode(sample(50_000, 9));
    const out = new Uint8Array(50_000);
    for (let trial = 0; trial < 200; trial++) {
      const bad = enc.slice(0, 1 + ((trial * 7919) % enc.length));
      for (let k = 0; k < 5; k++) bad[(trial * 131 + k * 977) % bad.length] ^= 1 << (k % 8);
      expect(lzwDecode(bad, 0, bad.length, out, 0)).toBeLessThanOrEqual(out.length);
    }
    const noise = sample(20_000, 77);
    expect(lzwDecode(noise, 0, noise.length, out, 0)).toBeLessThanOrEqual(out.length);
  });
});
