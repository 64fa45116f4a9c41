// Train / validation / test split that a microscopist can trust:
// - stratified: each class is split on its own, so a rare class still gets validation images;
// - leak-free: near-duplicate frames (nearDup.ts) always land on the same side, or validation accuracy
//   measures memory of the training frames instead of generalisation;
// - reproducible: a seeded PRNG, and items are ordered by id first, so the same files and seed give the
//   same split whatever order the browser listed them in;
// - respectful of folder splits: `valid` and `test` presets are kept. A `train` preset is kept when the
//   folders also define a validation split; with only `train` (and maybe `test`) folders, validation is
//   drawn from `train`, since training without validation cannot show over-fitting.

import type { SplitName } from './layout';
import { NEAR_DUP_DISTANCE, nearDuplicateGroups } from './nearDup';
import type { PHash } from './phash';

export interface SplitItem {
  id: string;
  label: string;
  hash: PHash;
  /** `phashShifts` of the image, to match re-shots with a moved stage. */
  shifts?: readonly PHash[];
  presetSplit?: SplitName | null;
  /** labelled in the review queue (splitGrow.ts): its near-duplicate group trains, unless a folder preset says otherwise */
  toTrain?: boolean;
}

export interface SplitOptions {
  /** Share of each class for validation; default 0.2. */
  validFrac?: number;
  /** Share of each class for test; default 0 (ignored when the folders define a test split). */
  testFrac?: number;
  seed: number;
  /** Hamming distance (bits of 64) under which two images are near-duplicates; default 6, -1 disables. */
  nearDupDistance?: number;
  /** Classes with fewer images are reported in `smallClasses`; default 10. */
  smallClassSize?: number;
}

export interface SplitResult {
  assign: Map<string, SplitName>;
  /** Number of near-duplicate groups (two or more images). */
  groups: number;
  /** Classes with fewer than `smallClassSize` images, sorted. */
  smallClasses: string[];
  /** Plain-language notes for the import summary. */
  warnings: string[];
}

type Group = { members: number[]; label: string };

export function makeSplit(items: readonly SplitItem[], opts: SplitOptions): SplitResult {
  const validFrac = opts.validFrac ?? 0.2;
  const testFrac = opts.testFrac ?? 0;
  if (!(validFrac >= 0 && testFrac >= 0 && validFrac + testFrac < 1)) {
    throw new Error(`makeSplit: need 0 ≤ validFrac, testFrac and validFrac + testFrac < 1 (got ${validFrac}, ${testFrac})`);
  }
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new Error(`makeSplit: duplicate id ${sorted[i].id}`);
  }
  const warnings: string[] = [];
  const assign = new Map<string, SplitName>();
  const put = (i: number, s: SplitName): void => void assign.set(sorted[i].id, s);

  const trainIsHard = sorted.some((it) => it.presetSplit === 'valid');
  const hard = (it: SplitItem): SplitName | null =>
    it.presetSplit === 'valid' || it.presetSplit === 'test' || (trainIsHard && it.presetSplit === 'train') ? it.presetSplit : null;
  if (!trainIsHard && sorted.some((it) => it.presetSplit === 'train')) {
    warnings.push('No validation folder: validation images are taken from the training folder.');
  }
  const presetTest = sorted.some((it) => it.presetSplit === 'test');
  if (presetTest && testFrac > 0) warnings.push('The folders define a test split, so no further test images are drawn.');

  const groupOf = nearDuplicateGroups(sorted, opts.nearDupDistance ?? NEAR_DUP_DISTANCE);
  const byRoot = new Map<number, number[]>();
  groupOf.forEach((root, i) => {
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  });

  const free: Group[] = [];
  let dupGroups = 0;
  const mixedLabels: string[] = [];
  let spanning = 0;
  for (const members of byRoot.values()) {
    if (members.length > 1) dupGroups++;
    const labels = members.map((i) => sorted[i].label);
    if (new Set(labels).size > 1 && mixedLabels.length < 3) {
      mixedLabels.push(members.slice(0, 2).map((i) => `${sorted[i].id} (${sorted[i].label})`).join(' ~ '));
    }
    const presets = members.map((i) => hard(sorted[i]));
    const kinds = new Set(presets.filter((p): p is SplitName => p !== null));
    if (kinds.size === 0) {
      if (members.some((i) => sorted[i].toTrain)) members.forEach((i) => put(i, 'train'));
      else free.push({ members, label: majority(labels) });
      continue;
    }
    if (kinds.size > 1) spanning++;
    // Unpreset members follow the group's preset; a group already spread over presets sends them to train.
    const follow: SplitName = kinds.size === 1 ? [...kinds][0] : 'train';
    members.forEach((i, k) => put(i, presets[k] ?? follow));
  }
  if (mixedLabels.length) warnings.push(`Near-duplicate images with different labels, e.g. ${mixedLabels.join('; ')}.`);
  if (spanning) warnings.push(`${spanning} near-duplicate ${spanning === 1 ? 'group spans' : 'groups span'} the folder splits: validation accuracy may be optimistic.`);

  const counts = new Map<string, number>();
  for (const it of sorted) counts.set(it.label, (counts.get(it.label) ?? 0) + 1);
  const presetSides = new Map<string, Set<SplitName>>();
  sorted.forEach((it, i) => {
    const sideOf = assign.get(sorted[i].id);
    if (sideOf) presetSides.set(it.label, (presetSides.get(it.label) ?? new Set()).add(sideOf));
  });
  const classes = [...counts.keys()].sort();
  for (const label of classes) {
    const groups = free.filter((g) => g.label === label);
    const already = presetSides.get(label) ?? new Set<SplitName>();
    splitClass(label, groups, counts.get(label)!, already, { validFrac, testFrac: presetTest ? 0 : testFrac, seed: opts.seed }, put, warnings);
  }
  const small = opts.smallClassSize ?? 10;
  return { assign, groups: dupGroups, smallClasses: classes.filter((c) => counts.get(c)! < small), warnings };
}

function splitClass(
  label: string, groups: Group[], total: number, already: ReadonlySet<SplitName>,
  o: { validFrac: number; testFrac: number; seed: number },
  put: (i: number, s: SplitName) => void, warnings: string[],
): void {
  if (total === 1) warnings.push(`Class "${label}" has a single image: it is used for training only.`);
  const free = groups.reduce((s, g) => s + g.members.length, 0);
  if (free === 0) return;
  // Each class gets its own stream, so adding a class does not reshuffle the others.
  const rand = mulberry32(hashString(`${o.seed}\u0000${label}`));
  const order = [...groups].sort((a, b) => a.members[0] - b.members[0]);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let tv = Math.round(o.validFrac * free);
  let tt = Math.round(o.testFrac * free);
  if (total >= 2 && !already.has('valid') && o.validFrac > 0) tv = Math.max(tv, 1);
  // Training keeps at least one image of the class.
  const cap = already.has('train') ? free : free - 1;
  tt = Math.max(0, Math.min(tt, cap - tv));
  tv = Math.max(0, Math.min(tv, cap));

  const side = new Map<Group, SplitName>();
  let v = 0;
  let t = 0;
  for (const g of order) {
    const n = g.members.length;
    if (v + n <= tv) {
      side.set(g, 'valid');
      v += n;
    } else if (t + n <= tt) {
      side.set(g, 'test');
      t += n;
    } else {
      side.set(g, 'train');
    }
  }
  // Big near-duplicate groups can leave a target empty: move the smallest training group there, as long
  // as training keeps an image.
  const fillEmpty = (target: SplitName, want: number, have: number): void => {
    if (want < 1 || have > 0) return;
    const trainGroups = order.filter((g) => side.get(g) === 'train').sort((a, b) => a.members.length - b.members.length);
    const trainCount = trainGroups.reduce((s, g) => s + g.members.length, 0);
    const pick = trainGroups.find((g) => already.has('train') || trainCount - g.members.length >= 1);
    if (pick) side.set(pick, target);
    else if (target === 'valid') {
      warnings.push(`Class "${label}": its ${free} images are near-duplicates of each other, so none is held out for validation.`);
    }
  };
  fillEmpty('valid', tv, v);
  fillEmpty('test', tt, t);
  for (const g of order) for (const i of g.members) put(i, side.get(g)!);
}

export function majority(labels: string[]): string {
  const c = new Map<string, number>();
  for (const l of labels) c.set(l, (c.get(l) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

/** FNV-1a, to turn (seed, class) into a PRNG state. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Small seeded PRNG (mulberry32), identical in every JS engine. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
