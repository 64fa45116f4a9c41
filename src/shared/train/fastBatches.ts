import { Rng } from '../synth/rng';

// Fast mode's epochs over cached features: every training image once per epoch, in a fresh order, each
// time through one of its cached views drawn at random (so augmentation still varies between epochs).

export interface CachedRow {
  image: number;
  view: number;
}

/** Batches of one epoch; a last batch smaller than batchSize is dropped, as fastai does in training. */
export function fastEpochBatches(images: number, views: number, batchSize: number, seed: number, epoch: number): CachedRow[][] {
  const rng = new Rng((seed * 1_000_003 + epoch * 7_919 + 17) >>> 0);
  const order = Array.from({ length: images }, (_, i) => i);
  for (let i = images - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const rows = order.map((image) => ({ image, view: views > 1 ? rng.int(0, views - 1) : 0 }));
  const out: CachedRow[][] = [];
  for (let s = 0; s + batchSize <= rows.length; s += batchSize) out.push(rows.slice(s, s + batchSize));
  return out;
}
