// Classify's labelled-folder check against the open dataset, once a folder is classified: which test images
// have a near-copy among the dataset's images (the import's own pHash test), and the classical baseline,
// fitted on the dataset's training split, on the same test images. The decode workers re-read each test
// file the way the import does (stored copy, data bar, hashes) and compute its texture features; the main
// thread hands out files and collects small results.

import { croppedStoredRows } from '../../../shared/dataset/records';
import type { PreparedImage, TextureItem } from '../../../shared/decodeProtocol';
import { labelledSet } from '../../../shared/eval/groundTruth';
import { heldOutSummary } from '../../../shared/eval/heldOut';
import { useStore } from '../../store';
import { idleHeldOut } from './classifySlice';
import { features, trainTextureItems } from '../evaluate/baselineRun';
import { DecodeLane, poolSize } from '../data/decodePool';

let latest = 0;

/** Drops a check in flight (new rows are coming, or the rows were cleared). */
export function forgetHeldOut(): void {
  latest++;
}

async function prepareAll(lanes: DecodeLane[], files: readonly { file: File; name: string }[]): Promise<(PreparedImage | null)[]> {
  const out: (PreparedImage | null)[] = new Array(files.length).fill(null);
  let next = 0;
  await Promise.all(lanes.map(async (lane) => {
    while (next < files.length) {
      const i = next++;
      const r = await lane.prepare(files[i].file, files[i].name);
      if (r.type === 'prepared') out[i] = r.image;
    }
  }));
  return out;
}

/** Checks the labelled rows of the last classification; the result lands in the store (`heldOut`). */
export async function heldOutForPredictions(): Promise<void> {
  const s = useStore.getState();
  const set = labelledSet(s.predictions);
  if (!set) return;
  const ticket = ++latest;
  const meta = s.meta;
  const entries = s.entries;
  if (!meta || entries.length === 0) {
    s.heldOutChanged({ ...idleHeldOut, state: 'unavailable', message: 'No dataset is open: the near-copy check and the classical baseline need the images the model was trained from.' });
    return;
  }
  const rowsById = new Map(s.predictions.map((r) => [r.id, r]));
  const train = trainTextureItems(set.classNames, meta, entries);
  const dataset = { name: meta.name, images: entries.length, trainImages: train.length };
  s.heldOutChanged({ ...idleHeldOut, state: 'running', dataset });
  const lanes = Array.from({ length: poolSize() }, () => new DecodeLane());
  try {
    const rows = set.items.map((it) => rowsById.get(it.id)!);
    const prepared = await prepareAll(lanes, rows.map((r) => ({ file: r.source, name: r.file })));
    const checked = set.items.flatMap((_, i) => (prepared[i] ? [i] : []));
    const flags = await lanes[0].nearCopies(
      entries.map((e) => ({ phash: e.phash, shifts: e.shifts })),
      checked.map((i) => ({ phash: prepared[i]!.phash, shifts: prepared[i]!.shifts })),
    );
    if (flags.type === 'failed') throw new Error(flags.message);
    const nearCopy = new Map(checked.map((i, k) => [i, flags.flags[k]]));

    // The baseline: fitted on the training split, applied to the test images as the network saw them
    // (each row's own data-bar crop).
    const baseline = new Map<number, number[]>();
    let message: string | null = null;
    if (train.length === 0) message = `the dataset “${meta.name}” has no training images of the model's classes to fit the baseline on`;
    else {
      const test: (TextureItem & { i: number })[] = checked.map((i) => {
        const p = prepared[i]!;
        return { i, hash: `test-${i}`, bytes: p.bytes, rows: rows[i].cropDataBar ? croppedStoredRows(p) : p.storedHeight };
      });
      const f = await features(lanes, [...train, ...test]);
      const trainF = train.flatMap((t, k) => (f[k] ? [{ features: f[k]!, label: t.label }] : []));
      const testF = test.flatMap((t, k) => {
        const x = f[train.length + k];
        return x ? [{ features: x, label: set.items[t.i].label, hash: t.hash, path: set.items[t.i].path }] : [];
      });
      const fit = await lanes[0].fitBaseline({ train: trainF, valid: testF, classNames: set.classNames });
      if (fit.type === 'failed') message = `the classical baseline failed: ${fit.message}`;
      else for (const it of fit.result.items) baseline.set(Number(it.hash.slice(5)), it.probs);
    }
    const summary = heldOutSummary(set.items.map((it, i) => ({
      label: it.label, probs: it.probs, baseline: baseline.get(i) ?? null, nearCopy: nearCopy.get(i) ?? false,
    })), set.classNames);
    if (ticket === latest) {
      useStore.getState().heldOutChanged({ state: 'done', summary, message, dataset, unchecked: set.items.length - checked.length });
    }
  } catch (err) {
    if (ticket === latest) useStore.getState().heldOutChanged({ ...idleHeldOut, state: 'error', dataset, message: (err as Error)?.message ?? String(err) });
  } finally {
    for (const l of lanes) l.close();
  }
}
