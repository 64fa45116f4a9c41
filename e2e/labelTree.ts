// A half-labelled folder for the labelling tests: two class folders and 40 loose images of the same two
// kinds beside them (even numbers films, odd numbers porous), as a lab's "sorted a few, not the rest" folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSemImage, type SemKind } from '../src/shared/synth';
import { encodePng } from '../scripts/lib/png';

export const LABEL_ROOT = 'half';
export const LABEL_CLASSES: readonly SemKind[] = ['films', 'porous'];
export const LABEL_PER_CLASS = 16;
export const LOOSE = 40;
export const looseName = (i: number) => `loose_${String(i).padStart(2, '0')}.png`;
/** The true kind of loose image i. */
export const looseKind = (i: number): SemKind => LABEL_CLASSES[i % 2];

export function writeLabelTree(dir: string): string {
  const root = join(dir, LABEL_ROOT);
  LABEL_CLASSES.forEach((kind, k) => {
    mkdirSync(join(root, kind), { recursive: true });
    for (let i = 0; i < LABEL_PER_CLASS; i++) {
      const img = generateSemImage({ kind, width: 96, height: 72, seed: 70_000 + k * 1000 + i });
      writeFileSync(join(root, kind, `${kind}_${String(i).padStart(2, '0')}.png`), encodePng(img));
    }
  });
  for (let i = 0; i < LOOSE; i++) {
    const img = generateSemImage({ kind: looseKind(i), width: 96, height: 72, seed: 80_000 + i });
    writeFileSync(join(root, looseName(i)), encodePng(img));
  }
  return root;
}
