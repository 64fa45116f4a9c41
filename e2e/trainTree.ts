// A small, clean 3-class dataset for the training tests: three synthetic SEM kinds that differ at a glance
// even at 32 px (smooth films, black-and-white porous sponge, a dark field with a bright tip), a data bar on
// every third frame (training must crop it, or the bar would be a shortcut shared across classes). Frames
// of 192x144 like a small SEM export: the app stores them and trains on the resized centre square.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSemImage, type SemKind } from '../src/shared/synth';
import { encodePng } from '../scripts/lib/png';

export const TRAIN_ROOT = 'train3';
export const TRAIN_CLASSES: readonly SemKind[] = ['films', 'porous', 'tips'];
export const TRAIN_PER_CLASS = 24;

export function writeTrainTree(dir: string): string {
  const root = join(dir, TRAIN_ROOT);
  TRAIN_CLASSES.forEach((kind, k) => {
    mkdirSync(join(root, kind), { recursive: true });
    for (let i = 0; i < TRAIN_PER_CLASS; i++) {
      const seed = 50_000 + k * 1000 + i;
      const dataBar = i % 3 === 0 ? { style: 'dark' as const, position: 'bottom' as const, heightFrac: 0.12 } : null;
      const img = generateSemImage({ kind, width: 192, height: 144, seed, dataBar });
      writeFileSync(join(root, kind, `${kind}_${String(i).padStart(2, '0')}.png`), encodePng(img));
    }
  });
  return root;
}

// The defaults' tree (issue 18): three easy classes, 30 frames each of 128x96 px (a small SEM export), a
// data bar (bright or dark, vendor layouts by seed) on every third frame. Trained with no recipe parameters.
export const EASY_ROOT = 'easy3';
export const EASY_PER_CLASS = 30;

export function writeEasyTree(dir: string): string {
  const root = join(dir, EASY_ROOT);
  TRAIN_CLASSES.forEach((kind, k) => {
    mkdirSync(join(root, kind), { recursive: true });
    for (let i = 0; i < EASY_PER_CLASS; i++) {
      const seed = 70_000 + k * 1000 + i;
      const dataBar = i % 3 === 0 ? { style: i % 2 ? 'bright' as const : 'dark' as const, position: 'bottom' as const, heightFrac: 0.12 } : null;
      const img = generateSemImage({ kind, width: 128, height: 96, seed, dataBar });
      writeFileSync(join(root, kind, `${kind}_${String(i).padStart(2, '0')}.png`), encodePng(img));
    }
  });
  return root;
}
