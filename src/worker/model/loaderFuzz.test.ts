// Fuzz of the converted-backbone loader: a small real conversion (resnet50-tiny saved by tfjs) with its
// model.json and shards mutated: absurd shapes and dtypes, huge declared sizes, missing, extra, short and
// long shards, wrong types anywhere in the JSON, deep nesting. Every outcome must be a loaded backbone or a
// BackboneError (a message for the user), within a time bound and without a giant allocation.
// FUZZ_COUNT scales the count (default 1500 → 150 structural mutations; test:stress runs more).

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../shared/synth/rng';
import { BackboneError, jsonDepth, loadConvertedBackbone, parseModelJson } from './convertedBackbone';
import { parseModelsManifest } from './manifest';
import { buildResNet50 } from './resnet50';

const COUNT = Math.max(20, Math.round(Number(process.env.FUZZ_COUNT ?? 1500) / 10));

type Json = Record<string, unknown>;
let modelJson: Json;
let shard: ArrayBuffer;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
  }));
  model.dispose();
  const a = saved!;
  shard = tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer | ArrayBuffer[]);
  modelJson = {
    format: 'layers-model',
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }],
  };
});

function diff(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diff((a as Json)[k], (b as Json)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(a)?.slice(0, 100)} -> ${JSON.stringify(b)?.slice(0, 100)}`];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every [parent, key] in the JSON tree (breadth-first, capped), so a mutation can hit any field. */
function slots(root: unknown, cap = 20000): [Json | unknown[], string | number][] {
  const out: [Json | unknown[], string | number][] = [];
  const queue: unknown[] = [root];
  while (queue.length > 0 && out.length < cap) {
    const v = queue.shift();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        queue.push(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([v as Json, k]);
        queue.push(x);
      }
    }
  }
  return out;
}

const ABSURD: unknown[] = [null, -1, 0, 1e12, 2 ** 53, 1.5, 'x', '', [], {}, true, [1e9, 1e9], [-3, 3], ['a'], { class_name: 'Dense' }];

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

/** The shard paths a model.json declares (none when its manifest is malformed). */
function declaredPaths(json: unknown): string[] {
  const groups = (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((g) => (Array.isArray((g as { paths?: unknown } | null)?.paths) ? (g as { paths: unknown[] }).paths : []))
    .filter((p): p is string => typeof p === 'string');
}

/**
 * Loads a mutated model, demanding a backbone or a BackboneError with a message. Work bound instead of a clock
 * limit: the loader reads only shards the file declares, each at most once; a case that never ends fails on the
 * test's timeout.
 */
async function outcome(label: string, json: unknown, load: (p: string) => Promise<ArrayBuffer>): Promise<'ok' | 'refused'> {
  const declared = declaredPaths(json);
  const reads: string[] = [];
  const loadShard = (p: string) => {
    reads.push(p);
    return load(p);
  };
  let result: 'ok' | 'refused';
  try {
    const { backbone } = await loadConvertedBackbone({ modelJson: json, loadShard });
    backbone.dispose();
    result = 'ok';
  } catch (e) {
    if (!(e instanceof BackboneError)) throw new Error(`${label}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, not a BackboneError`);
    expect(e.message.length, label).toBeGreaterThan(10);
    result = 'refused';
  }
  for (const p of reads) expect(declared, `${label}: read a shard it does not declare`).toContain(p);
  expect(new Set(reads).size, `${label}: read a shard twice`).toBe(reads.length);
  return result;
}

const shardOf = (b: ArrayBuffer) => async (p: string): Promise<ArrayBuffer> => {
  if (p !== 'group1-shard1of1.bin') throw new Error(`no such file: ${p}`);
  return b;
};

describe('fuzz: converted backbone loader', () => {
  it('the unmutated conversion loads', async () => {
    expect(await outcome('seed', clone(modelJson), shardOf(shard))).toBe('ok');
  });

  it(`${COUNT} structural mutations of model.json: loaded or refused with a BackboneError`, async () => {
    const seen = { ok: 0, refused: 0 };
    for (let s = 1; s <= COUNT; s++) {
      const rng = new Rng(s);
      const json = clone(modelJson);
      // Bias half of the mutations toward the weights manifest, where sizes and shapes live.
      const root = rng.next() < 0.5 ? (json.weightsManifest as unknown[]) : json;
      const all = slots(root);
      for (let m = 0, n = 1 + (rng.nextU32() % 3); m < n; m++) {
        const [parent, key] = all[rng.nextU32() % all.length];
        const r = rng.next();
        if (r < 0.15 && !Array.isArray(parent)) delete (parent as Json)[key as string];
        else if (r < 0.2) (parent as Json)[key as string] = deep(1000);
        else (parent as Json)[key as string] = clone(ABSURD[rng.nextU32() % ABSURD.length]);
      }
      if (process.env.FUZZ_TRACE === 'all') process.stdout.write(`seed ${s}\n`);
      if (process.env.FUZZ_TRACE && s === Number(process.env.FUZZ_TRACE)) process.stdout.write(`${JSON.stringify(diff(modelJson, json)).slice(0, 2000)}\n`);
      seen[await outcome(`structural seed ${s}`, JSON.parse(JSON.stringify(json)), shardOf(shard))]++;
    }
    expect(seen.refused).toBeGreaterThan(COUNT / 4);
  });

  it('shards: missing, short, long, extra or failing are refused with the file named', async () => {
    const cases: [string, Json, (p: string) => Promise<ArrayBuffer>, RegExp][] = [
      ['missing', modelJson, async () => { throw new Error('404'); }, /group1-shard1of1\.bin.*missing/],
      ['one byte short', modelJson, shardOf(shard.slice(0, shard.byteLength - 1)), /do not match/],
      ['one byte long', modelJson, shardOf(new Uint8Array(shard.byteLength + 1).buffer), /do not match/],
      ['empty', modelJson, shardOf(new ArrayBuffer(0)), /do not match/],
    ];
    const extra = clone(modelJson);
    (extra.weightsManifest as { paths: string[] }[])[0].paths.push('group1-shard2of2.bin');
    cases.push(['an extra shard listed but absent', extra, shardOf(shard), /group1-shard2of2\.bin.*missing/]);
    for (const [name, json, load, reason] of cases) {
      await expect(loadConvertedBackbone({ modelJson: clone(json), loadShard: load }), name).rejects.toThrow(reason);
    }
  });

  it('a declared terabyte of weights is refused before any allocation or shard read', async () => {
    const json = clone(modelJson);
    const w = (json.weightsManifest as { weights: { shape: number[] }[] }[])[0].weights;
    w[0].shape = [1 << 20, 1 << 20];
    let reads = 0;
    await expect(loadConvertedBackbone({ modelJson: json, loadShard: async () => (reads++, shard) })).rejects.toThrow(/more than the app can hold/);
    w[0].shape = [1 << 14, 1 << 14];
    w[1].shape = [1 << 14, 1 << 14];
    await expect(loadConvertedBackbone({ modelJson: json, loadShard: async () => (reads++, shard) })).rejects.toThrow(/MB of weights; the app holds at most/);
    expect(reads).toBe(0);
  });

  it('non-object JSON, invalid JSON text and deep nesting are refused', async () => {
    for (const v of [null, 1, 'model', [], [modelJson], true]) {
      await expect(loadConvertedBackbone({ modelJson: v, loadShard: shardOf(shard) })).rejects.toThrow(/not a JSON object/);
    }
    expect(() => parseModelJson('{"format": "layers-model",', 'model.json')).toThrow(/model\.json is not valid JSON/);
    expect(jsonDepth(deep(100_000))).toBeLessThanOrEqual(65);
    await expect(loadConvertedBackbone({ modelJson: { ...clone(modelJson), extra: deep(100_000) }, loadShard: shardOf(shard) }))
      .rejects.toThrow(/nested more than 64 levels/);
  });

  it('models/manifest.json mutations are refused with the field named', () => {
    const good = { models: [{ id: 'r', kind: 'backbone', arch: 'resnet50', path: 'r/model.json', preprocessing: 'caffe', trainedOn: 'x', params: 1, source: 's' }] };
    expect(parseModelsManifest(good).models).toHaveLength(1);
    for (let s = 1; s <= COUNT; s++) {
      const rng = new Rng(s);
      const json = clone(good) as unknown as Json;
      const all = slots(json);
      const [parent, key] = all[rng.nextU32() % all.length];
      (parent as Json)[key as string] = clone(ABSURD[rng.nextU32() % ABSURD.length]);
      try {
        parseModelsManifest(json);
      } catch (e) {
        expect(e, `manifest seed ${s}`).toBeInstanceOf(Error);
        expect((e as Error).message).toMatch(/^models\/manifest\.json: /);
      }
    }
    for (const path of ['../x.json', '/abs/model.json', 'https://evil.example/model.json', 'javascript:1.json']) {
      expect(() => parseModelsManifest({ models: [{ ...good.models[0], path }] })).toThrow(/relative path/);
    }
  });
});
