import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { groupVariables, headGroup, layerGroups } from './layerGroups';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Keras ResNet50 layer name → torchvision module it corresponds to (fastai cuts torchvision's resnet). */
function torchModule(layer: string): string {
  if (layer.startsWith('head_')) return 'head';
  const m = /^conv(\d)_block/.exec(layer);
  if (m) return `layer${Number(m[1]) - 1}`; // conv2_blockN = layer1 … conv5_blockN = layer4
  return 'stem'; // conv1_conv/conv1_bn (torchvision conv1, bn1)
}

/**
 * fastai's `_resnet_split(m) = L(m[0][:6], m[0][6:], m[1:])`, with m[0] = the body
 * [conv1, bn1, relu, maxpool, layer1, layer2, layer3, layer4] and m[1] the head.
 */
const FASTAI_BODY = ['stem', 'stem', 'stem', 'stem', 'layer1', 'layer2', 'layer3', 'layer4'];
function fastaiGroup(module: string): number {
  if (module === 'head') return 2;
  return FASTAI_BODY.indexOf(module) < 6 ? 0 : 1;
}

describe('layerGroups', () => {
  const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 16 });

  it("by default matches fastai's resnet_split: body first half, body second half, head", () => {
    const groups = layerGroups(c);
    expect(groups.map((g) => g.name)).toEqual(['stem..conv3', 'conv4..conv5', 'head']);
    const vars = groupVariables(groups);
    const modelVars = c.model.trainableWeights.map((w) => w.read().id);
    expect(new Set(vars.map((v) => v.id)).size).toBe(vars.length);
    expect(vars.map((v) => v.id).sort()).toEqual([...modelVars].sort());
    expect(vars.every((v) => v.trainable)).toBe(true);
    for (const [i, g] of groups.entries()) {
      expect(g.params.length).toBeGreaterThan(0);
      for (const p of g.params) expect([p.name, fastaiGroup(torchModule(p.name.split('/')[0]))]).toEqual([p.name, i]);
    }
    const names = (i: number) => groups[i].params.map((p) => p.name);
    expect(names(0)).toEqual(expect.arrayContaining(['conv1_conv/kernel', 'conv2_block1_3_bn/gamma', 'conv3_block1_1_conv/kernel']));
    expect(names(1)).toEqual(expect.arrayContaining(['conv4_block1_1_conv/kernel', 'conv5_block1_2_bn/beta']));
    expect(names(0).some((n) => /^conv[45]_/.test(n))).toBe(false);
    expect(names(1).every((n) => /^conv[45]_/.test(n))).toBe(true);
  });

  it('routes layers by name and marks only kernels for weight decay', () => {
    const groups = layerGroups(c);
    expect(headGroup(groups).params.every((p) => p.name.startsWith('head_'))).toBe(true);
    const all = groups.flatMap((g) => g.params);
    const decayed = all.filter((p) => p.decay).map((p) => p.name);
    expect(decayed.every((n) => n.endsWith('/kernel'))).toBe(true);
    expect(all.filter((p) => /\/(gamma|beta|bias)$/.test(p.name)).every((p) => !p.decay)).toBe(true);
    // no BN moving statistics among the trainable params
    expect(all.some((p) => /moving/.test(p.name))).toBe(false);
  });

  it('still offers the 5-group stage split', () => {
    const groups = layerGroups(c, 'stages');
    expect(groups.map((g) => g.name)).toEqual(['stem+conv2', 'conv3', 'conv4', 'conv5', 'head']);
    expect(groups[1].params.every((p) => p.name.startsWith('conv3_'))).toBe(true);
    expect(groupVariables(groups)).toHaveLength(groupVariables(layerGroups(c)).length);
  });
});
