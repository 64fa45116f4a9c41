import { Rng } from '../synth/rng';

// Fast mode's epochs over cached features: one epoch is one pass over the whole cache, every cached view of
// every training image once, in a fresh order. The views are the augmented copies the backbone computed
// once; a head step costs almost nothing next to a backbone pass, so each epoch uses all of them (with 8
// views an epoch has 8x the steps of a full-mode epoch, which is what lets the head converge in a few
// epochs on a small dataset).

export interface CachedRow {
  image: number;
  view: number;
}

/** Training steps of one fast-mode epoch (the last partial batch is dropped, as fastai does). */
export function fastStepsPerEpoch(images: number, views: number, batchSize: number): number {
  return Math.floor((images * Math.max(1, views)) / batchSize);
}

/** Batches of one epoch. */
export function fastEpochBatches(images: number, views: number, batchSize: number, seed: number, epoch: number): CachedRow[][] {
  const rng = new Rng((seed * 1_000_003 + epoch * 7_919 + 17) >>> 0);
  const rows: CachedRow[] = [];
  for (let image = 0; image < images; image++) for (let view = 0; view < Math.max(1, views); view++) rows.push({ image, view });
  rng.shuffle(rows);
  const out: CachedRow[][] = [];
  for (let s = 0; s + batchSize <= rows.length; s += batchSize) out.push(rows.slice(s, s + batchSize));
  return out;
}
