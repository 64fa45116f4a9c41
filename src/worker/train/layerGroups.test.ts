import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { groupVariables, headGroup, layerGroups } from './layerGroups';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('layerGroups', () => {
  const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 16 });

  it('puts every trainable weight of the model in exactly one of 5 stage groups, head last', () => {
    const groups = layerGroups(c);
    expect(groups.map((g) => g.name)).toEqual(['stem+conv2', 'conv3', 'conv4', 'conv5', 'head']);
    const vars = groupVariables(groups);
    const modelVars = c.model.trainableWeights.map((w) => w.read().id);
    expect(new Set(vars.map((v) => v.id)).size).toBe(vars.length);
    expect(vars.map((v) => v.id).sort()).toEqual([...modelVars].sort());
    expect(vars.every((v) => v.trainable)).toBe(true);
    expect(groups.every((g) => g.params.length > 0)).toBe(true);
  });

  it('routes layers by name and marks only kernels for weight decay', () => {
    const groups = layerGroups(c);
    const names = (i: number) => groups[i].params.map((p) => p.name);
    expect(names(0)).toContain('conv1_conv/kernel');
    expect(names(0)).toContain('conv2_block1_3_bn/gamma');
    expect(names(1).every((n) => n.startsWith('conv3_'))).toBe(true);
    expect(names(3).every((n) => n.startsWith('conv5_'))).toBe(true);
    expect(headGroup(groups).params.every((p) => p.name.startsWith('head_'))).toBe(true);
    const all = groups.flatMap((g) => g.params);
    const decayed = all.filter((p) => p.decay).map((p) => p.name);
    expect(decayed.every((n) => n.endsWith('/kernel'))).toBe(true);
    expect(all.filter((p) => /\/(gamma|beta|bias)$/.test(p.name)).every((p) => !p.decay)).toBe(true);
    // no BN moving statistics among the trainable params
    expect(all.some((p) => /moving/.test(p.name))).toBe(false);
  });

  it("offers fastai's 3-group resnet split", () => {
    const groups = layerGroups(c, 'fastai');
    expect(groups.map((g) => g.name)).toEqual(['stem..conv3', 'conv4..conv5', 'head']);
    expect(groups[0].params.map((p) => p.name)).toContain('conv3_block1_1_conv/kernel');
    expect(groups[1].params.map((p) => p.name)).toContain('conv4_block1_1_conv/kernel');
    expect(groupVariables(groups)).toHaveLength(groupVariables(layerGroups(c)).length);
  });
});
