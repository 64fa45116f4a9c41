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

import { HashIndex } from './hashIndex';
import type { SplitName } from './layout';
import { UnionFind } from './nearDup';
import type { PHash } from './phash';
import { Slicer } from './slicer';
import { hashString, majority } from './split';

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
  /** paces the work (slices of a few ms with pauses between): a big labelling keeps the page responsive */
  slicer?: Slicer;
  /** a near-duplicate index over (at least) the items, kept between calls (hashIndex.ts); built here when absent */
  index?: HashIndex;
}

const SIDES: readonly SplitName[] = ['train', 'valid', 'test'];

/**
 * The split of `items` (every image that should have a side: labelled, not excluded) given the sides
 * `previous` already gives; entries of `previous` not in `items` are dropped. Cost grows with the number
 * of new images (and linearly, in a few cheap passes, with the dataset).
 */
export async function growSplit(previous: Readonly<Record<string, SplitName>>, items: readonly GrowItem[], o: GrowOptions): Promise<Record<string, SplitName>> {
  const slicer = o.slicer ?? new Slicer();
  const out: Record<string, SplitName> = {};
  const fresh: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const side = previous[items[i].id];
    if (side) out[items[i].id] = side;
    else fresh.push(i);
  }
  if (fresh.length === 0) return out;
  await slicer.tick(items.length / 8);

  const groupOf = await linkFresh(items, fresh, o.nearDupDistance ?? 6, slicer, o.index);
  // Sides already taken by each group that has a new image (bit 1 << SIDES index).
  const freshGroup = new Uint8Array(items.length);
  for (const i of fresh) freshGroup[groupOf[i]] = 1;
  const sidesOf = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const side = out[items[i].id];
    if (side && freshGroup[groupOf[i]]) sidesOf[groupOf[i]] |= 1 << SIDES.indexOf(side);
  }
  await slicer.tick(items.length / 8);

  const free = new Map<number, number[]>();
  for (const i of fresh) {
    const bits = sidesOf[groupOf[i]];
    if (bits) {
      out[items[i].id] = bits === 1 ? 'train' : bits === 2 ? 'valid' : bits === 4 ? 'test' : 'train';
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
  await slicer.tick(items.length / 8);
  const target = (label: string): number => {
    const n = total.get(label) ?? 0;
    if (o.validFrac <= 0 || n < 2) return 0;
    return Math.min(n - 1, Math.max(1, Math.round(o.validFrac * n)));
  };

  const groups: { members: number[]; key: number }[] = [];
  for (const members of free.values()) {
    groups.push({ members, key: hashString(`${o.seed}\u0000${items[members[0]].id}`) });
    await slicer.tick();
  }
  groups.sort((a, b) => a.key - b.key || (items[a.members[0]].id < items[b.members[0]].id ? -1 : 1));
  await slicer.tick(groups.length / 4);
  for (const { members } of groups) {
    const label = members.length === 1 ? items[members[0]].label : majority(members.map((i) => items[i].label));
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
    await slicer.tick(members.length);
  }
  return out;
}

/**
 * Near-duplicate groups through links that involve a new image (placed images are linked already by the
 * side they share): each new image's neighbours in the index, kept when they are items too.
 */
async function linkFresh(items: readonly GrowItem[], fresh: readonly number[], d: number, slicer: Slicer, given?: HashIndex): Promise<Int32Array> {
  const uf = new UnionFind(items.length);
  if (d < 0) return uf.canonical();
  let index = given;
  let itemAt = given ? itemPositions(given, items) : null;
  if (!index || !itemAt) {
    index = await HashIndex.build(items, slicer);
    itemAt = Int32Array.from(items, (_, i) => i);
  }
  const posOf = new Int32Array(items.length);
  itemAt.forEach((i, p) => {
    if (i >= 0) posOf[i] = p;
  });
  for (const i of fresh) {
    index.linked(posOf[i], d, (p) => {
      const j = itemAt[p];
      if (j >= 0) uf.union(i, j);
    });
    await slicer.tick(16);
  }
  return uf.canonical();
}

/** For each position of the index, the item there (-1: none); null when an item is missing from the index. */
function itemPositions(index: HashIndex, items: readonly GrowItem[]): Int32Array | null {
  const at = new Int32Array(index.size).fill(-1);
  for (let i = 0; i < items.length; i++) {
    const p = index.positionOf.get(items[i].id);
    if (p === undefined) return null;
    at[p] = i;
  }
  return at;
}
