import { generateSemImage, MAX_SHIFT_FRAC } from './classes';
import { hashInts, Rng } from './rng';
import type { DataBarSpec, GrayImage, SemKind, ShotSpec } from './types';

export interface SyntheticDatasetOptions {
  classes: SemKind[];
  /** images per class: one number for all, or one per class (same order as classes) */
  perClass: number | number[];
  width: number;
  height: number;
  seed: number;
  /** fraction of images (per class, rounded) that carry an instrument data bar; default 0 */
  dataBarRate?: number;
  /** fraction of images (per class, rounded) that re-shoot an earlier image of the class; default 0 */
  nearDuplicateRate?: number;
}

export interface PlannedImage {
  kind: SemKind;
  /** relative path with forward slashes, e.g. 'particles/img_0007.png' */
  file: string;
  /** scene seed; a twin carries its original's seed (same specimen) plus a shot */
  seed: number;
  dataBar: DataBarSpec | null;
  /** file of the image this one re-shoots */
  twinOf?: string;
  /** how the twin differs: small shift and fresh noise */
  shot?: ShotSpec;
}

export function fileName(kind: SemKind, index: number): string {
  return `${kind}/img_${String(index).padStart(4, '0')}.png`;
}

function randomBar(rng: Rng): DataBarSpec {
  return {
    style: rng.chance(0.5) ? 'bright' : 'dark',
    position: rng.chance(0.7) ? 'bottom' : 'above-bottom',
    heightFrac: Math.round(rng.range(0.06, 0.12) * 1000) / 1000,
  };
}

/** k distinct indices from [lo, n), chosen by a seeded shuffle. */
function chooseIndices(rng: Rng, lo: number, n: number, k: number): Set<number> {
  const all: number[] = [];
  for (let i = lo; i < n; i++) all.push(i);
  return new Set(rng.shuffle(all).slice(0, Math.max(0, Math.min(k, all.length))));
}

/**
 * Plan a class-folder dataset without rendering anything: file names, seeds, which images carry a
 * data bar and which are near-duplicate re-shots. Deterministic in the options. Per class, the twin count
 * is exact (rate × count, rounded) and so is the bar count when there are no twins. Twins take their
 * original's data bar (same instrument) instead of their own draw, are never image 0, and their
 * original is always an earlier non-twin image.
 */
export function planSyntheticDataset(opts: SyntheticDatasetOptions): PlannedImage[] {
  const barRate = Math.min(1, Math.max(0, opts.dataBarRate ?? 0));
  const dupRate = Math.min(1, Math.max(0, opts.nearDuplicateRate ?? 0));
  const out: PlannedImage[] = [];
  opts.classes.forEach((kind, ci) => {
    const n = Math.max(0, Math.floor(Array.isArray(opts.perClass) ? (opts.perClass[ci] ?? 0) : opts.perClass));
    const rng = new Rng(hashInts(opts.seed, ci, 0x91a2));
    const withBar = chooseIndices(rng, 0, n, Math.round(barRate * n));
    const twins = chooseIndices(rng, 1, n, Math.round(dupRate * n));
    const items: PlannedImage[] = [];
    for (let i = 0; i < n; i++) {
      const file = fileName(kind, i);
      const seed = hashInts(opts.seed, ci, i);
      if (twins.has(i)) {
        const originals = items.filter((it) => it.twinOf === undefined);
        if (originals.length > 0) {
          const orig = rng.pick(originals);
          const f = MAX_SHIFT_FRAC * 0.4;
          items.push({
            kind, file, seed: orig.seed, dataBar: orig.dataBar, twinOf: orig.file,
            shot: { dxFrac: rng.range(-f, f), dyFrac: rng.range(-f, f), noiseSeed: seed },
          });
          continue;
        }
      }
      items.push({ kind, file, seed, dataBar: withBar.has(i) ? randomBar(rng) : null });
    }
    out.push(...items);
  });
  return out;
}

/** Render one planned image at the given size (any size: the plan is resolution-free). */
export function renderPlanned(item: PlannedImage, width: number, height: number): GrayImage {
  return generateSemImage({
    kind: item.kind, width, height, seed: item.seed, dataBar: item.dataBar, shot: item.shot ?? null,
  });
}
