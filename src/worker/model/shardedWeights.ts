// Reads the weight shards of a converted model and keeps only the bytes of chosen layers, shard by shard,
// so that a 100 MB model is never held twice in memory.
import type * as tf from '@tensorflow/tfjs';
import { BackboneError, errorText } from './errors';
import { isObject } from './kerasTopology';

type WeightSpec = tf.io.WeightsManifestEntry;

interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

export interface KeptWeights {
  specs: WeightSpec[];
  data: ArrayBuffer;
}

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Weights the app will hold for one backbone: ResNet50 is 94 MB, so this leaves room for larger ones. */
export const MAX_WEIGHT_BYTES = 1 << 30;

function bytesOf(spec: WeightSpec): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  // Object.hasOwn: the dtype comes from the file (`constructor` must not find Object.prototype's).
  const size = Object.hasOwn(BYTES, dtype) ? BYTES[dtype] : undefined;
  if (size === undefined) throw new BackboneError(`Weight "${spec.name}" has dtype "${dtype}", which the app cannot read.`);
  if (spec.shape.length > 8 || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new BackboneError(`Weight "${spec.name}" has an impossible shape ${JSON.stringify(spec.shape).slice(0, 80)}.`);
  }
  const bytes = spec.shape.reduce((a, b) => a * b, 1) * size;
  if (bytes > MAX_WEIGHT_BYTES) throw new BackboneError(`Weight "${spec.name}" declares ${bytes.toExponential(2)} bytes, more than the app can hold.`);
  return bytes;
}

function parseManifest(manifest: unknown): WeightGroup[] {
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new BackboneError('model.json lists no weight files (weightsManifest is missing or empty).');
  }
  return manifest.map((g, i) => {
    const ok = isObject(g) && Array.isArray(g.paths) && g.paths.every((p) => typeof p === 'string') && Array.isArray(g.weights);
    const weights = ok ? (g.weights as unknown[]) : [];
    const valid = weights.every((w) => isObject(w) && typeof w.name === 'string' && Array.isArray(w.shape) && typeof w.dtype === 'string');
    if (!ok || !valid) throw new BackboneError(`model.json's weightsManifest entry ${i} is malformed.`);
    return { paths: g.paths as string[], weights: weights as WeightSpec[] };
  });
}

/** The layer a weight belongs to: the first path token naming a layer (`conv1/kernel`, `model/conv1/kernel`). */
export function layerOfWeight(name: string, layers: Set<string>): string | undefined {
  return name.split('/').find((t) => layers.has(t));
}

/**
 * Loads every shard of the manifest in order and returns the specs and concatenated bytes of the weights
 * whose layer is in `keep`. Throws a BackboneError when a shard is missing or the shards' total size differs
 * from what the manifest describes.
 */
export async function loadKeptWeights(
  manifest: unknown,
  loadShard: (path: string, maxBytes: number) => Promise<ArrayBuffer>,
  allLayers: Set<string>,
  keep: Set<string>,
): Promise<KeptWeights> {
  const groups = parseManifest(manifest);
  const specs: WeightSpec[] = [];
  // [group, start, end, destination] byte ranges, group-local, in manifest order.
  const ranges: { group: number; start: number; end: number; dest: number }[] = [];
  const expected = groups.map(() => 0);
  let total = 0;
  groups.forEach((g, gi) => {
    for (const w of g.weights) {
      const size = bytesOf(w);
      const layer = layerOfWeight(w.name, allLayers);
      if (layer !== undefined && keep.has(layer) && w.group !== 'optimizer') {
        specs.push(w);
        ranges.push({ group: gi, start: expected[gi], end: expected[gi] + size, dest: total });
        total += size;
      }
      expected[gi] += size;
    }
  });

  if (total > MAX_WEIGHT_BYTES) {
    throw new BackboneError(`model.json declares ${(total / 2 ** 20).toFixed(0)} MB of weights; the app holds at most ${MAX_WEIGHT_BYTES / 2 ** 20} MB.`);
  }
  const out = new Uint8Array(total);
  for (const [gi, g] of groups.entries()) {
    let offset = 0;
    for (const path of g.paths) {
      let shard: ArrayBuffer;
      try {
        shard = await loadShard(path, expected[gi] - offset);
      } catch (e) {
        // A refusal (a URL rule, a byte cap) is its own sentence; anything else means the file is not there.
        if (e instanceof BackboneError) throw e;
        throw new BackboneError(
          `Weight file "${path}" is missing or unreadable (${errorText(e)}). Give model.json together with all ` +
            `its weight files: ${g.paths.join(', ')}.`,
        );
      }
      const bytes = new Uint8Array(shard);
      const shardEnd = offset + bytes.byteLength;
      for (const r of ranges) {
        if (r.group !== gi || r.end <= offset || r.start >= shardEnd) continue;
        const from = Math.max(r.start, offset);
        const to = Math.min(r.end, shardEnd);
        // Never write past the range: a too-long shard set is reported below, not silently truncated.
        out.set(bytes.subarray(from - offset, to - offset), r.dest + (from - r.start));
      }
      offset = shardEnd;
    }
    if (offset !== expected[gi]) {
      throw new BackboneError(
        `The weight files do not match model.json: they hold ${offset.toLocaleString('en-US')} bytes but its weightsManifest ` +
          `describes ${expected[gi].toLocaleString('en-US')} bytes (${g.weights.length} weights in ${g.paths.join(', ')}). ` +
          'Use the weight files converted together with this model.json.',
      );
    }
  }
  return { specs, data: out.buffer };
}
