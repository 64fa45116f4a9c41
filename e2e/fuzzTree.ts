// A folder of hostile image files for e2e/fuzz.spec.ts: ~200 mutations of valid PNG, JPEG and TIFF seeds
// (the same seeded mutator as the unit fuzz), spread over class folders, plus hand-made hostile files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { mutate, seedJpeg } from '../src/shared/dataset/fuzz';
import { encodeTiff } from '../src/shared/dataset/tiffWrite';
import { generateSemImage } from '../src/shared/synth';
import { encodePng } from '../scripts/lib/png';

export const FUZZ_ROOT = 'fuzz';
export const FUZZ_CLASSES = ['alpha', 'beta', 'gamma'] as const;

export function writeFuzzTree(dir: string, count = 200): { root: string; files: number } {
  const root = join(dir, FUZZ_ROOT);
  rmSync(root, { recursive: true, force: true });
  const sem = generateSemImage({ kind: 'particles', width: 64, height: 48, seed: 7 });
  const seeds: [string, Uint8Array][] = [
    ['png', new Uint8Array(encodePng(sem))],
    ['jpg', seedJpeg()],
    ['tif', encodeTiff({ width: 64, height: 48, channels: 1, bitsPerSample: 8, data: sem.data }, { compression: 'lzw', rowsPerStrip: 8 })],
    ['tif', encodeTiff({ width: 64, height: 48, channels: 1, bitsPerSample: 16, data: Uint16Array.from(sem.data, (v) => v * 200) }, {
      compression: 'deflate', deflate: (b) => new Uint8Array(deflateSync(b)), littleEndian: false,
    })],
  ];
  let files = 0;
  const put = (cls: string, name: string, bytes: Uint8Array): void => {
    mkdirSync(join(root, cls), { recursive: true });
    writeFileSync(join(root, cls, name), bytes);
    files++;
  };
  // A few untouched seeds per class, so the classes exist whatever the mutations do.
  for (const cls of FUZZ_CLASSES) for (const [i, [ext, seed]] of seeds.entries()) put(cls, `seed_${i}.${ext}`, seed);
  for (let s = 1; files < count; s++) {
    const [ext, seed] = seeds[s % seeds.length];
    put(FUZZ_CLASSES[s % FUZZ_CLASSES.length], `m_${String(s).padStart(4, '0')}.${ext}`, mutate(seed, s).bytes);
  }
  // A tiny TIFF declaring 60000 × 60000 and a truncated JPEG, always present.
  const bomb = seeds[2][1].slice();
  const v = new DataView(bomb.buffer);
  const ifd = v.getUint32(4, true);
  for (let i = 0; i < v.getUint16(ifd, true); i++) {
    const e = ifd + 2 + 12 * i;
    if (v.getUint16(e, true) === 256 || v.getUint16(e, true) === 257) {
      v.setUint16(e + 2, 4, true);
      v.setUint32(e + 8, 60000, true);
    }
  }
  put('alpha', 'bomb-60000.tif', bomb);
  put('beta', 'cut.jpg', seedJpeg().subarray(0, 300));
  return { root, files };
}
