// A lab-like dataset tree for the import test, with the awkward files real folders contain. The test's
// expectations are exported next to the generator so the two cannot drift apart.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { encodeTiff } from '../src/shared/dataset/tiffWrite';
import { generateSemImage, type SemKind } from '../src/shared/synth';
import { encodePng } from '../scripts/lib/png';

export const ROOT_NAME = 'lab';
export const HTML_NAME = '<b>x</b> µm.png';

/** Usable images per class after de-duplication. */
export const EXPECTED_CLASSES = { classA: 251, classB: 25, classC: 1 } as const;
/** Class B holds this many re-shots (stage moved a little, fresh noise) of its own frames: near-duplicates. */
export const RESHOTS = 3;

/** One issue row per unusable file: path relative to the dropped root → what the reason must mention. */
export const EXPECTED_ISSUES: Record<string, RegExp> = {
  'classA/zero.png': /empty file/,
  'classA/notes.jpg': /not an image.*text/,
  'classA/truncated.png': /truncated/,
  'classA/too-wide.png': /too large.*25000/,
  'readme.txt': /not an image \(\.txt\)/,
  'classC/copy.png': /exact duplicate of classA\/a_000\.png/,
};

function png(kind: SemKind, seed: number, bar: boolean, w = 160, h = 120): Buffer {
  return encodePng(generateSemImage({ kind, width: w, height: h, seed, dataBar: bar ? { style: seed % 4 ? 'dark' : 'bright', position: 'bottom', heightFrac: 0.12 } : null }));
}

function put(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

export function writeDatasetTree(dir: string): string {
  const root = join(dir, ROOT_NAME);
  const a = join(root, 'classA');
  // Class A: 250 generated frames, half of them with an instrument data bar.
  for (let i = 0; i < 250; i++) put(join(a, `a_${String(i).padStart(3, '0')}.png`), png('particles', 1000 + i, i % 2 === 0));
  // A 12000 × 9000 frame (108 MP, under the limits): mostly flat, so the PNG stays small.
  const w = 12000, h = 9000;
  const big = new Uint8Array(w * h).fill(90);
  for (let y = 0; y < h; y += 450) big.fill(200, y * w, y * w + w * 30);
  put(join(a, 'huge.png'), encodePng({ width: w, height: h, data: big }));
  put(join(a, 'zero.png'), new Uint8Array(0));
  put(join(a, 'notes.jpg'), 'These are not pixels, just notes saved with the wrong extension.\n');
  const good = png('particles', 7, false);
  put(join(a, 'truncated.png'), good.subarray(0, Math.floor(good.length * 0.6)));
  // Over 20000 px a side: refused from its header, before any decoder allocates it.
  put(join(a, 'too-wide.png'), encodePng({ width: 25_000, height: 4, data: new Uint8Array(100_000) }));
  mkdirSync(join(a, 'empty-session'), { recursive: true });

  // Class B: nested two levels deep, plus a 16-bit TIFF and a name with markup, spaces and unicode.
  for (let i = 0; i < 20; i++) put(join(root, 'classB', 'sub1', 'sub2', `b_${i}.png`), png('nanowires', 2000 + i, false));
  // The same fields shot again: one independent group each with its original.
  for (let i = 0; i < RESHOTS; i++) {
    const shot = { dxFrac: 0.006 * (i - 1), dyFrac: 0.004, noiseSeed: 9000 + i };
    put(join(root, 'classB', 'sub1', `b_${i}_again.png`), encodePng(generateSemImage({ kind: 'nanowires', width: 160, height: 120, seed: 2000 + i, shot })));
  }
  const t16 = generateSemImage({ kind: 'nanowires', width: 160, height: 120, seed: 3000 });
  const wide = Uint16Array.from(t16.data, (v) => 1000 + v * 40);
  put(join(root, 'classB', 'sub1', 'scan16.tif'), encodeTiff({ width: 160, height: 120, channels: 1, bitsPerSample: 16, data: wide }, { compression: 'deflate', deflate: (b) => deflateSync(b) }));
  put(join(root, 'classB', HTML_NAME), png('nanowires', 3001, false));

  // Class C: a single image, and an exact copy of a class A file.
  put(join(root, 'classC', 'c_0.png'), png('porous', 4000, false));
  copyFileSync(join(a, 'a_000.png'), join(root, 'classC', 'copy.png'));

  put(join(root, 'readme.txt'), 'Lab notes\n');
  put(join(root, '.DS_Store'), new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]));
  put(join(root, 'classB', '.DS_Store'), new Uint8Array([0, 0, 0, 1]));
  return root;
}
