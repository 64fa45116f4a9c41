import * as tf from '@tensorflow/tfjs';
import { HEAD_PREFIX, type Classifier } from '../model/classifier';

/** One trainable weight, with what the optimizer needs to know about it. */
export interface TrainableParam {
  /** the tf.Variable that tf.variableGrads differentiates and the optimizer updates (unique name) */
  variable: tf.Variable;
  /** `layer/weight`, stable across builds (for logs and checkpoints) */
  name: string;
  /** fastai (wd_bn_bias=False): weight decay on kernels only, never on BN gamma/beta or biases */
  decay: boolean;
}

export interface ParamGroup {
  name: string;
  params: TrainableParam[];
}

/**
 * 'fastai' (the default): fastai's `_resnet_split`, `L(m[0][:6], m[0][6:], m[1:])` — the body cut in half
 * before torchvision's `layer3` (stem, layer1, layer2 = Keras stem, conv2, conv3 | layer3, layer4 = conv4,
 * conv5) and the head: 3 groups, so `slice(lr/100, lr)` gives conv4..conv5 lr/10 and stem..conv3 lr/100.
 * 'stages': stem+conv2, conv3, conv4, conv5, head (5 groups), kept for experiments.
 */
export type GroupSplit = 'stages' | 'fastai';

const GROUP_NAMES: Readonly<Record<GroupSplit, readonly string[]>> = {
  stages: ['stem+conv2', 'conv3', 'conv4', 'conv5', 'head'],
  fastai: ['stem..conv3', 'conv4..conv5', 'head'],
};

/** ResNet stage of a backbone layer: 1 for the stem (conv1_*, pool1_*), 2..5 for convN_block*. */
function stageOf(layerName: string): number {
  const m = /^conv(\d)_/.exec(layerName);
  if (m) return Number(m[1]);
  if (/^(pool1|input)/.test(layerName)) return 1;
  throw new Error(`Layer "${layerName}" is not part of a Keras-named ResNet: cannot put it in a parameter group.`);
}

function groupIndex(layerName: string, split: GroupSplit): number {
  if (layerName.startsWith(HEAD_PREFIX)) return GROUP_NAMES[split].length - 1;
  const stage = stageOf(layerName);
  if (split === 'fastai') return stage <= 3 ? 0 : 1;
  return Math.max(0, stage - 2);
}

function weightName(v: tf.LayerVariable): string {
  // originalName is `layer/weight` (scoped), name may carry a _N suffix when several models were built
  const parts = v.originalName.split('/');
  return parts[parts.length - 1];
}

/**
 * Splits a classifier's trainable weights into fastai-like parameter groups, body first and head last, so
 * each group can get its own learning rate (discriminative lrs). Every trainable weight of `model` lands in
 * exactly one group. BN moving statistics are not trainable and never appear.
 */
export function layerGroups(classifier: Classifier, split: GroupSplit = 'fastai'): ParamGroup[] {
  const groups: ParamGroup[] = GROUP_NAMES[split].map((name) => ({ name, params: [] }));
  const layers = [...classifier.backbone.layers, ...classifier.head.layers];
  for (const layer of layers) {
    for (const w of layer.trainableWeights) {
      const weight = weightName(w);
      const variable = w.read() as tf.Variable;
      groups[groupIndex(layer.name, split)].params.push({
        variable,
        name: `${layer.name}/${weight}`,
        decay: weight === 'kernel',
      });
    }
  }
  return groups;
}

/** The head group (last): what trains while the body is frozen. */
export function headGroup(groups: readonly ParamGroup[]): ParamGroup {
  return groups[groups.length - 1];
}

export function groupVariables(groups: readonly ParamGroup[]): tf.Variable[] {
  return groups.flatMap((g) => g.params.map((p) => p.variable));
}
