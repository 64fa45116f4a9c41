import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelsManifest, upsertModel, type BackboneEntry } from './manifest';

const entry: BackboneEntry = {
  id: 'resnet50-imagenet',
  kind: 'backbone',
  arch: 'resnet50',
  path: 'resnet50-imagenet/model.json',
  preprocessing: 'caffe',
  trainedOn: 'ImageNet-1k (ILSVRC 2012)',
  params: 23587712,
  source: 'https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5',
};

describe('parseModelsManifest', () => {
  it('accepts the shipped models/manifest.json', () => {
    const shipped: unknown = JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8'));
    expect(parseModelsManifest(shipped)).toEqual({ models: [] });
  });

  it('accepts weights for the tiny architecture too', () => {
    const tiny = { ...entry, id: 'tiny', arch: 'resnet50-tiny' as const, params: 132016 };
    expect(parseModelsManifest({ models: [tiny] }).models[0]).toMatchObject({ arch: 'resnet50-tiny' });
  });

  it('accepts bundle entries next to backbone entries, named by their id when they have no name', () => {
    const parsed = parseModelsManifest({
      models: [entry, { id: 'sem-demo', kind: 'bundle', path: 'bundles/sem-demo.zip' }, { id: 'b2', kind: 'bundle', name: 'Two', path: 'b2/model.json', description: 'd' }],
    });
    expect(parsed.models[1]).toEqual({ id: 'sem-demo', kind: 'bundle', name: 'sem-demo', path: 'bundles/sem-demo.zip' });
    expect(parsed.models[2]).toEqual({ id: 'b2', kind: 'bundle', name: 'Two', path: 'b2/model.json', description: 'd' });
  });

  it('accepts a valid entry and keeps only known fields', () => {
    expect(parseModelsManifest({ models: [{ ...entry, extra: 1 }] })).toEqual({ models: [entry] });
  });

  it.each([
    [{}, /top level must be an object with a "models" array/],
    [{ models: [{ ...entry, params: '23M' }] }, /models\[0\]\.params must be a positive integer \(got "23M"\)/],
    [{ models: [{ ...entry, preprocessing: 'imagenet' }] }, /models\[0\]\.preprocessing must be one of/],
    [{ models: [{ ...entry, path: '../secret/model.json' }] }, /models\[0\]\.path must be a relative path/],
    [{ models: [{ ...entry, path: 'https://example.com/model.json' }] }, /path must be a relative path/],
    [{ models: [{ ...entry, kind: 'classifier' }] }, /models\[0\]\.kind must be "backbone" or "bundle"/],
    [{ models: [{ id: 'b', kind: 'bundle', path: '../b.zip' }] }, /models\[0\]\.path must be a relative path to a bundle/],
    [{ models: [{ id: 'b', kind: 'bundle', path: 'b.exe' }] }, /models\[0\]\.path must be a relative path to a bundle/],
    [{ models: [{ id: 'b', kind: 'bundle', path: 'a\\b.zip' }] }, /models\[0\]\.path must be a relative path to a bundle/],
    [{ models: [{ id: 'b', kind: 'bundle', path: 'b.zip', description: 3 }] }, /models\[0\]\.description must be a string/],
    [{ models: [{ ...entry, arch: 'vgg16' }] }, /models\[0\]\.arch must be "resnet50" or "resnet50-tiny"/],
    [{ models: [entry, { ...entry, id: 'ok' }, { ...entry, source: '' }] }, /models\[2\]\.source must be a non-empty string/],
    [{ models: [entry, entry] }, /"resnet50-imagenet" appears twice/],
  ])('refuses %j', (json, message) => {
    expect(() => parseModelsManifest(json)).toThrow(message);
  });
});

describe('upsertModel', () => {
  it('adds a new id and replaces an existing one', () => {
    const one = upsertModel({ models: [] }, entry);
    expect(one.models).toEqual([entry]);
    const replaced = upsertModel(one, { ...entry, source: 'local file' });
    expect(replaced.models).toHaveLength(1);
    expect(replaced.models[0]).toMatchObject({ source: 'local file' });
    expect(upsertModel(replaced, { ...entry, id: 'other' }).models).toHaveLength(2);
  });
});
