// Grouping near-duplicate frames: connected components of "pHash within d bits" (transitively: a drifting
// series of shots ends up in one group), computed without comparing all n² pairs.
//
// Index: the 64 bits are dealt into 4 interleaved 16-bit keys. If two hashes differ in at most d bits, one
// of the 4 keys differs in at most r = ⌊d/4⌋ bits (pigeonhole), so a query probes, per key, the buckets of
// every key within r flips (17 for d ≤ 7) and verifies the few candidates. Interleaving spreads the
// correlated low-frequency bits over all keys, so buckets stay small even when many frames look alike.

import { hamming, type PHash } from './phash';

export interface HashedItem {
  hash: PHash;
  /** `phashShifts` of the same image: lets a slightly moved re-shot match (see phash.ts). */
  shifts?: readonly PHash[];
}

export const KEYS = 4;

/** Bits of 64 under which the app calls two frames near-duplicates (the split's default). */
export const NEAR_DUP_DISTANCE = 6;

/**
 * For each item, the smallest index of its near-duplicate group (itself when it has no near-duplicate).
 * Two items are linked when the hash of one is within `maxDistance` bits of the hash (or a shift) of the
 * other. Practical for maxDistance ≤ 11 (beyond, the probes per query grow into the thousands).
 */
export function nearDuplicateGroups(items: readonly HashedItem[], maxDistance: number): Int32Array {
  const n = items.length;
  const uf = new UnionFind(n);
  if (maxDistance >= 0 && n > 1) {
    const index = buildIndex(items.map((it) => it.hash));
    const probes = flipMasks(Math.floor(maxDistance / KEYS));
    const seen = new Int32Array(n).fill(-1);
    let stamp = 0;
    for (let i = 0; i < n; i++) {
      for (const q of items[i].shifts ?? [items[i].hash]) {
        stamp++;
        for (let k = 0; k < KEYS; k++) {
          const key = keyOf(q, k);
          for (const m of probes) {
            const bucket = (key ^ m) + k * 65536;
            for (let p = index.start[bucket]; p < index.start[bucket + 1]; p++) {
              const j = index.items[p];
              if (j === i || seen[j] === stamp) continue;
              seen[j] = stamp;
              if (hamming(q, items[j].hash) <= maxDistance) uf.union(i, j);
            }
          }
        }
      }
    }
  }
  return uf.canonical();
}

/** Bits k, k+4, k+8, … of the 64-bit hash (hi first), as a 16-bit key. */
export function keyOf(h: PHash, k: number): number {
  let key = 0;
  for (let b = 0; b < 16; b++) {
    const bit = 4 * b + k; // 0..63, MSB of hi first
    const v = bit < 32 ? (h.hi >>> (31 - bit)) & 1 : (h.lo >>> (63 - bit)) & 1;
    key = (key << 1) | v;
  }
  return key;
}

/** Bucketed (CSR) layout: start[k * 65536 + key] .. start[… + 1] index into `items`. */
export function buildIndex(hashes: readonly PHash[]): { start: Int32Array; items: Int32Array } {
  const keys = new Int32Array(hashes.length * KEYS);
  fillKeys(hashes, 0, hashes.length, keys);
  return bucketKeys(keys);
}

/** The KEYS bucket numbers (k * 65536 + key) of hashes[from..to), written at keys[i * KEYS + k]. */
export function fillKeys(hashes: readonly PHash[], from: number, to: number, keys: Int32Array): void {
  for (let i = from; i < to; i++) for (let k = 0; k < KEYS; k++) keys[i * KEYS + k] = k * 65536 + keyOf(hashes[i], k);
}

/** The CSR index from fillKeys' bucket numbers: item i sits in the buckets keys[i * KEYS .. i * KEYS + KEYS). */
export function bucketKeys(keys: Int32Array): { start: Int32Array; items: Int32Array } {
  const steps = bucketSteps(keys);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

const STEP = 32_768;

/** bucketKeys in steps of STEP array elements (yields between them), so a caller can pause the work. */
export function* bucketSteps(keys: Int32Array): Generator<void, { start: Int32Array; items: Int32Array }> {
  const size = KEYS * 65536;
  const start = new Int32Array(size + 1);
  for (let from = 0; from < keys.length; from += STEP, yield) {
    for (let p = from; p < Math.min(keys.length, from + STEP); p++) start[keys[p] + 1]++;
  }
  for (let from = 0; from < size; from += STEP, yield) {
    for (let b = from; b < Math.min(size, from + STEP); b++) start[b + 1] += start[b];
  }
  const fill = start.slice(0, size);
  const items = new Int32Array(keys.length);
  for (let from = 0; from < keys.length; from += STEP, yield) {
    for (let p = from; p < Math.min(keys.length, from + STEP); p++) items[fill[keys[p]]++] = (p / KEYS) | 0;
  }
  return { start, items };
}

let masks: { r: number; list: number[] } | null = null;
/** All 16-bit masks with at most r bits set (kept for the last r asked). */
export function flipMasks(r: number): number[] {
  if (masks?.r === r) return masks.list;
  const list: number[] = [];
  for (let m = 0; m < 65536; m++) {
    let c = 0;
    for (let x = m; x; x &= x - 1) c++;
    if (c <= r) list.push(m);
  }
  masks = { r, list };
  return list;
}

export class UnionFind {
  private parent: Int32Array;
  private size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }

  /** Each element's group named by its smallest member, so the labelling does not depend on merge order. */
  canonical(): Int32Array {
    const n = this.parent.length;
    const smallest = new Int32Array(n).fill(-1);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (smallest[r] < 0) smallest[r] = i;
      out[i] = smallest[r];
    }
    return out;
  }
}
