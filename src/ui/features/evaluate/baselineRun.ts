// Runs the classical baseline for an evaluation: texture features of the split's training images and of
// the evaluated images in the decode workers, then the logistic-regression fit in one of them. The main
// thread only hands out lists of image-store keys and collects small feature vectors.

import { croppedStoredRows, type DatasetEntry, type DatasetMeta } from '../../../shared/dataset/records';
import type { TextureItem } from '../../../shared/decodeProtocol';
import type { BaselineResult } from '../../../shared/eval/baseline';
import type { Evaluation } from '../../../shared/eval/types';
import { useStore } from '../../store';
import { DecodeLane, poolSize } from '../data/decodePool';

const CHUNK = 16;

export interface BaselineInput {
  train: (TextureItem & { label: number })[];
  valid: (TextureItem & { label: number; path: string })[];
}

/** The split's training images of the given classes (not in `skip`), labelled by class index, with their rows. */
export function trainTextureItems(classNames: readonly string[], meta: DatasetMeta, entries: readonly DatasetEntry[], skip: ReadonlySet<string> = new Set()): BaselineInput['train'] {
  const index = new Map(classNames.map((c, i) => [c, i]));
  const train: BaselineInput['train'] = [];
  for (const e of entries) {
    if (e.label === null || !index.has(e.label) || skip.has(e.path)) continue;
    if (meta.split?.assign[e.path] !== 'train') continue;
    train.push({ hash: e.hash, rows: meta.cropDataBar ? croppedStoredRows(e) : e.storedHeight, label: index.get(e.label)! });
  }
  return train;
}

/** The training images of the split (the classes the evaluation knows) and the evaluated images, with their rows. */
export function baselineInput(evaluation: Evaluation, meta: DatasetMeta, entries: readonly DatasetEntry[]): BaselineInput {
  const rows = (e: DatasetEntry) => (meta.cropDataBar ? croppedStoredRows(e) : e.storedHeight);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const train = trainTextureItems(evaluation.classNames, meta, entries, new Set(evaluation.items.map((i) => i.path)));
  const valid: BaselineInput['valid'] = [];
  for (const item of evaluation.items) {
    const e = byPath.get(item.path);
    if (e) valid.push({ hash: item.hash, path: item.path, label: item.label, rows: rows(e) });
  }
  return { train, valid };
}

/** Texture features of the items, spread over the lanes; null where a stored image is missing. */
export async function features(lanes: DecodeLane[], items: readonly TextureItem[]): Promise<(Float32Array | null)[]> {
  const out: (Float32Array | null)[] = new Array(items.length).fill(null);
  let next = 0;
  await Promise.all(lanes.map(async (lane) => {
    while (next < items.length) {
      const start = next;
      next += CHUNK;
      const res = await lane.texture(items.slice(start, start + CHUNK));
      if (res.type === 'failed') throw new Error(res.message);
      res.features.forEach((f, i) => { out[start + i] = f; });
    }
  }));
  return out;
}

export async function computeBaseline(input: BaselineInput, classNames: string[]): Promise<BaselineResult> {
  if (input.train.length === 0) throw new Error('the split has no training images of these classes');
  if (input.valid.length === 0) throw new Error('none of the evaluated images is in the dataset any more');
  const t0 = performance.now();
  const lanes = Array.from({ length: poolSize() }, () => new DecodeLane());
  try {
    const f = await features(lanes, [...input.train, ...input.valid]);
    const train = input.train.flatMap((t, i) => (f[i] ? [{ features: f[i]!, label: t.label }] : []));
    const valid = input.valid.flatMap((v, i) => {
      const x = f[input.train.length + i];
      return x ? [{ features: x, label: v.label, hash: v.hash, path: v.path }] : [];
    });
    const res = await lanes[0].fitBaseline({ train, valid, classNames });
    if (res.type === 'failed') throw new Error(res.message);
    return { ...res.result, seconds: (performance.now() - t0) / 1000 };
  } finally {
    for (const l of lanes) l.close();
  }
}

let latest = 0;

/** Baseline for the evaluation that just arrived; the result lands in the store (evalSlice). */
export async function baselineForEvaluation(evaluation: Evaluation): Promise<void> {
  const s = useStore.getState();
  const ticket = ++latest;
  if (!s.meta || !s.meta.split) {
    s.baselineFailed('no stored dataset split to train it on');
    return;
  }
  s.baselineStarted();
  try {
    const result = await computeBaseline(baselineInput(evaluation, s.meta, s.entries), evaluation.classNames);
    if (ticket === latest) useStore.getState().baselineReceived(result);
  } catch (err) {
    if (ticket === latest) useStore.getState().baselineFailed((err as Error)?.message ?? String(err));
  }
}
