// An unlabelled folder for the Classify test: several formats, a data bar, a sub-folder, a corrupt file
// and a non-image. Expectations live next to the generator so the two cannot drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeTiff } from '../src/shared/dataset/tiffWrite';
import { generateSemImage, type SemKind } from '../src/shared/synth';
import type { GrayImage } from '../src/shared/synth/types';
import { encodePng } from '../scripts/lib/png';

export const UNLABELLED_ROOT = 'batch';
/** A loose file whose name a spreadsheet would run as a formula. */
export const FORMULA_NAME = '=1+2.png';

/** Every image-named file, as its path relative to the picked folder's parent (what the rows show). */
export const UNLABELLED_IMAGES = [
  'batch/bar_0.png', 'batch/bar_1.png', 'batch/film.png', 'batch/nanowires_0.png', 'batch/particles_0.png',
  'batch/porous_0.png', 'batch/porous_1.png', 'batch/scan.tif', 'batch/bitmap.bmp', 'batch/broken.png',
  'batch/sub/deep.png', 'batch/sub/wires, "v2".png',
];
/** Files that become error rows: path → what the reason must say. */
export const UNLABELLED_BROKEN: Record<string, RegExp> = { 'batch/broken.png': /truncated/ };

function sem(kind: SemKind, seed: number, bar = false): GrayImage {
  return generateSemImage({ kind, width: 200, height: 160, seed, dataBar: bar ? { style: 'dark', position: 'bottom', heightFrac: 0.12 } : null });
}

/** 24-bit bottom-up BMP of a gray image. */
function encodeBmp(img: GrayImage): Buffer {
  const row = Math.ceil((img.width * 3) / 4) * 4;
  const size = 54 + row * img.height;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(img.width, 18);
  b.writeInt32LE(img.height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * img.height, 34);
  for (let y = 0; y < img.height; y++) {
    const off = 54 + (img.height - 1 - y) * row;
    for (let x = 0; x < img.width; x++) b.fill(img.data[y * img.width + x], off + 3 * x, off + 3 * x + 3);
  }
  return b;
}

function put(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Writes `dir/batch/…` and `dir/loose/=1+2.png`; returns the folder to pick. */
export function writeUnlabelledTree(dir: string): string {
  const root = join(dir, UNLABELLED_ROOT);
  put(join(root, 'bar_0.png'), encodePng(sem('particles', 11, true)));
  put(join(root, 'bar_1.png'), encodePng(sem('porous', 12, true)));
  put(join(root, 'film.png'), encodePng(sem('films', 13)));
  put(join(root, 'nanowires_0.png'), encodePng(sem('nanowires', 14)));
  put(join(root, 'particles_0.png'), encodePng(sem('particles', 15)));
  put(join(root, 'porous_0.png'), encodePng(sem('porous', 16)));
  put(join(root, 'porous_1.png'), encodePng(sem('porous', 17)));
  const t = sem('nanowires', 18);
  put(join(root, 'scan.tif'), encodeTiff({ width: t.width, height: t.height, channels: 1, bitsPerSample: 8, data: t.data }));
  put(join(root, 'bitmap.bmp'), encodeBmp(sem('particles', 19)));
  const good = encodePng(sem('porous', 20));
  put(join(root, 'broken.png'), good.subarray(0, Math.floor(good.length / 2)));
  put(join(root, 'sub', 'deep.png'), encodePng(sem('particles', 21)));
  put(join(root, 'sub', 'wires, "v2".png'), encodePng(sem('nanowires', 22)));
  put(join(root, 'notes.txt'), 'not an image\n');
  put(join(root, '.DS_Store'), new Uint8Array([0, 0, 0, 1]));
  put(join(dir, 'loose', FORMULA_NAME), encodePng(sem('porous', 23)));
  return root;
}
