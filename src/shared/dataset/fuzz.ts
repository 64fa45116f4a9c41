// Hostile-input generator for the import path's fuzz tests (unit tests and the e2e fuzz folder), not for
// the app. Pure and seeded: the same seed gives the same mutated file in Node and in the browser, so a
// failure names a seed that reproduces it.

import { Rng } from '../synth/rng';

/** A valid 16 × 16 baseline JPEG (543 bytes; CPython's test image Lib/test/imghdrdata/python.jpg). */
export const SEED_JPEG_BASE64 = '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z';

export function seedJpeg(): Uint8Array {
  const bin = atob(SEED_JPEG_BASE64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export type Mutation =
  | 'bitflip' | 'byteset' | 'truncate' | 'splice' | 'absurd32' | 'absurd16' | 'garbageTail' | 'zeroRun' | 'duplicate';
const KINDS: Mutation[] = ['bitflip', 'byteset', 'truncate', 'splice', 'absurd32', 'absurd16', 'garbageTail', 'zeroRun', 'duplicate'];
const ABSURD32 = [0, 0xffffffff, 0x7fffffff, 0x80000000, 60000, 65535, 1 << 20, 1];
const ABSURD16 = [0, 0xffff, 0x7fff, 60000, 1];

/**
 * One to three mutations of `seed`. Header bytes (the first 256) are hit more often than the rest: that is
 * where sizes, counts and offsets live.
 */
export function mutate(seed: Uint8Array, rngSeed: number): { bytes: Uint8Array; kinds: Mutation[] } {
  const rng = new Rng(rngSeed);
  let b: Uint8Array = seed.slice();
  const kinds: Mutation[] = [];
  const n = 1 + (rng.nextU32() % 3);
  const pos = (): number => {
    if (b.length === 0) return 0;
    return rng.next() < 0.6 ? rng.nextU32() % Math.min(b.length, 256) : rng.nextU32() % b.length;
  };
  for (let k = 0; k < n; k++) {
    const kind = KINDS[rng.nextU32() % KINDS.length];
    kinds.push(kind);
    const p = pos();
    switch (kind) {
      case 'bitflip':
        for (let i = 0, m = 1 + (rng.nextU32() % 8); i < m && b.length; i++) b[pos()] ^= 1 << (rng.nextU32() % 8);
        break;
      case 'byteset':
        b[p] = [0, 0xff, 0x7f, 0x80, 1][rng.nextU32() % 5];
        break;
      case 'truncate':
        b = b.slice(0, rng.nextU32() % Math.max(1, b.length));
        break;
      case 'splice': {
        const len = 1 + (rng.nextU32() % 64);
        b = rng.next() < 0.5 ? concat(b.subarray(0, p), b.subarray(Math.min(b.length, p + len))) : concat(b.subarray(0, p), randomBytes(rng, len), b.subarray(p));
        break;
      }
      case 'absurd32':
        write(b, p, ABSURD32[rng.nextU32() % ABSURD32.length], 4, rng.next() < 0.5);
        break;
      case 'absurd16':
        write(b, p, ABSURD16[rng.nextU32() % ABSURD16.length], 2, rng.next() < 0.5);
        break;
      case 'garbageTail': {
        const start = b.length > 64 ? 64 + (rng.nextU32() % (b.length - 64)) : 0;
        b.set(randomBytes(rng, b.length - start), start);
        break;
      }
      case 'zeroRun':
        b.fill(0, p, Math.min(b.length, p + 1 + (rng.nextU32() % 32)));
        break;
      case 'duplicate':
        b = concat(b, b.subarray(0, Math.min(b.length, 1 + (rng.nextU32() % 512))));
        break;
    }
  }
  return { bytes: b, kinds };
}

function write(b: Uint8Array, p: number, v: number, size: 2 | 4, le: boolean): void {
  for (let i = 0; i < size && p + i < b.length; i++) {
    const shift = 8 * (le ? i : size - 1 - i);
    b[p + i] = Math.floor(v / 2 ** shift) & 0xff;
  }
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.nextU32() & 0xff;
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
