import { hashInts, Rng } from '../../shared/synth/rng';

// tfjs draws the seed of every unseeded random op (dropout masks above all: the head's dropout layers
// have no seed, see classifier.ts) from Math.random. During training the worker swaps Math.random for a
// seeded generator, reseeded at every step from (seed, step), so the same seed on the same backend gives
// the same run, and a run resumed from a checkpoint at an epoch boundary replays the uninterrupted one.

/** Lanes keep the streams of different purposes apart for the same step number. */
export const RANDOM_LANE = { step: 1, preciseBn: 2 } as const;

export interface SeededRandom {
  /** Restarts the stream at a position that depends only on its arguments. */
  reseed(seed: number, lane: number, index: number): void;
  /** Puts the original Math.random back. */
  restore(): void;
}

/** Installs a seeded Math.random on this global (the compute worker's) until `restore`. Nesting is allowed. */
export function installSeededRandom(): SeededRandom {
  const original = Math.random;
  let rng = new Rng(0);
  Math.random = () => rng.next();
  return {
    reseed(seed, lane, index) {
      rng = new Rng(hashInts(seed >>> 0, lane, index >>> 0));
    },
    restore() {
      Math.random = original;
    },
  };
}
