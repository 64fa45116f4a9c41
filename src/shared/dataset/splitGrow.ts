// Growing a split as images are labelled in the app, without redrawing it: images already on a side stay
// there (a validation set that moves between runs makes their accuracies incomparable), and each newly
// labelled image joins a side by the split's own rules (split.ts):
// - leak-free: an image that is a near-duplicate of one already placed joins that image's side, and new
//   near-duplicates of each other go together;
// - folder presets win (`valid/`, `test/` folders);
// - stratified: a class's new images go to validation while the class has fewer than its share
//   (validFrac, at least one once the class has two images; training keeps at least one);
// - reproducible: new groups are taken in an order drawn from the seed, not the order they were labelled;
// - review-queue labels go to training (`toTrain`): images picked by uncertainty are not a fair sample, so
//   they would bias the validation accuracy that rounds are compared by.

import type { SplitName } from './layout';
import { buildIndex, flipMasks, KEYS, keyOf, UnionFind } from './nearDup';
import { hashString, majority } from './split';
import { hamming, type PHash } from './phash';

export interface GrowItem {
  id: string;
  label: string;
  hash: PHash;
  shifts?: readonly PHash[];
  presetSplit?: SplitName | null;
  /** put on the training side unless a near-duplicate is elsewhere */
  toTrain?: boolean;
}

export interface GrowOptions {
  validFrac: number;
  seed: number;
  /** as in makeSplit; default 6, -1 disables */
  nearDupDistance?: number;
  /** awaited between chunks of the near-duplicate search, so a big labelling keeps the page responsive */
  pause?: () => Promise<void>;
}

/**
 * The split of `items` (every image that should have a side: labelled, not excluded) given the sides
 * `previous` already gives; entries of `previous` not in `items` are dropped.
 */
export async function growSplit(previous: Readonly<Record<string, SplitName>>, items: readonly GrowItem[], o: GrowOptions): Promise<Record<string, SplitName>> {
  const out: Record<string, SplitName> = {};
  const fresh: number[] = [];
  items.forEach((it, i) => {
    const side = previous[it.id];
    if (side) out[it.id] = side;
    else fresh.push(i);
  });
  if (fresh.length === 0) return out;

  const groupOf = await linkFresh(items, fresh, o.nearDupDistance ?? 6, o.pause);
  const placed = new Map<number, Set<SplitName>>();
  items.forEach((it, i) => {
    const side = out[it.id];
    if (side) placed.set(groupOf[i], (placed.get(groupOf[i]) ?? new Set()).add(side));
  });

  const free = new Map<number, number[]>();
  for (const i of fresh) {
    const sides = placed.get(groupOf[i]);
    if (sides) {
      out[items[i].id] = sides.size === 1 ? [...sides][0] : 'train';
      continue;
    }
    const g = free.get(groupOf[i]);
    if (g) g.push(i);
    else free.set(groupOf[i], [i]);
  }

  const total = new Map<string, number>();
  const valid = new Map<string, number>();
  const train = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const it of items) {
    bump(total, it.label, 1);
    const side = out[it.id];
    if (side === 'valid') bump(valid, it.label, 1);
    if (side === 'train') bump(train, it.label, 1);
  }
  const target = (label: string): number => {
    const n = total.get(label) ?? 0;
    if (o.validFrac <= 0 || n < 2) return 0;
    return Math.min(n - 1, Math.max(1, Math.round(o.validFrac * n)));
  };

  const groups = [...free.values()].map((members) => ({ members, key: hashString(`${o.seed}\u0000${items[members[0]].id}`) }));
  groups.sort((a, b) => a.key - b.key || (items[a.members[0]].id < items[b.members[0]].id ? -1 : 1));
  for (const { members } of groups) {
    const label = majority(members.map((i) => items[i].label));
    const preset = members.map((i) => items[i].presetSplit).find((p) => p === 'valid' || p === 'test');
    let side: SplitName;
    if (preset) side = preset;
    else if (members.some((i) => items[i].toTrain)) side = 'train';
    else if ((train.get(label) ?? 0) === 0) side = 'train';
    else side = (valid.get(label) ?? 0) + members.length <= target(label) ? 'valid' : 'train';
    for (const i of members) {
      out[items[i].id] = side;
      if (side === 'valid') bump(valid, items[i].label, 1);
      if (side === 'train') bump(train, items[i].label, 1);
    }
  }
  return out;
}

const CHUNK = 256;

/**
 * Near-duplicate groups through links that involve a new image (placed images are linked already by the
 * side they share): the same pigeonhole index as nearDup.ts, queried only from the new images, in both
 * directions (their shifts against every hash, their hash against every shift). Cost grows with the
 * number of new images, not the dataset.
 */
async function linkFresh(items: readonly GrowItem[], fresh: readonly number[], d: number, pause?: () => Promise<void>): Promise<Int32Array> {
  const uf = new UnionFind(items.length);
  if (d < 0) return uf.canonical();
  const byHash = ownedIndex(items.map((it, i) => [it.hash, i] as const));
  const byShift = ownedIndex(items.flatMap((it, i) => (it.shifts ?? [it.hash]).map((h) => [h, i] as const)));
  const probes = flipMasks(Math.floor(d / KEYS));
  const query = (index: Index, q: PHash, i: number, far: (j: number, p: number) => PHash) => {
    for (let k = 0; k < KEYS; k++) {
      const key = keyOf(q, k);
      for (const m of probes) {
        const bucket = (key ^ m) + k * 65536;
        for (let p = index.start[bucket]; p < index.start[bucket + 1]; p++) {
          const j = index.owner[index.items[p]];
          if (j !== i && hamming(q, far(j, index.items[p])) <= d) uf.union(i, j);
        }
      }
    }
  };
  for (let n = 0; n < fresh.length; n++) {
    if (pause && n > 0 && n % CHUNK === 0) await pause();
    const i = fresh[n];
    for (const s of items[i].shifts ?? [items[i].hash]) query(byHash, s, i, (j) => items[j].hash);
    query(byShift, items[i].hash, i, (_j, p) => byShift.hashes[p]);
  }
  return uf.canonical();
}

interface Index {
  start: Int32Array;
  /** positions into hashes/owner, bucketed */
  items: Int32Array;
  hashes: PHash[];
  owner: Int32Array;
}

/** nearDup.ts's index over the hashes, with which item each hash belongs to. */
function ownedIndex(pairs: readonly (readonly [PHash, number])[]): Index {
  const hashes = pairs.map((p) => p[0]);
  return { ...buildIndex(hashes), hashes, owner: Int32Array.from(pairs, (p) => p[1]) };
}
