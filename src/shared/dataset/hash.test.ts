import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex } from './hash';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256Hex', () => {
  it('known vectors through WebCrypto', async () => {
    expect(await sha256Hex(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(utf8('abc').buffer as ArrayBuffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes only the viewed bytes of a view', async () => {
    const big = utf8('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(await sha256Hex(utf8('abc')));
  });

  it('the pure-JS fallback matches WebCrypto on every padding boundary', async () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      expect(hex(sha256(data))).toBe(await sha256Hex(data));
    }
  });
});
