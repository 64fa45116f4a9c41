// Layer names of Keras' ResNet50 (keras.applications resnet.py), shared by the builder, the HDF5 weight
// loader and the converted-model loader, so that weights move between them by name alone.

export type ResNetVariant = 'resnet50' | 'resnet50-tiny';

export interface ResNetSpec {
  /** residual blocks per stage conv2..conv5 */
  blocks: readonly [number, number, number, number];
  /** filters of conv1 and of the first stage's bottleneck; each later stage doubles it */
  width: number;
}

export const RESNET_SPECS: Readonly<Record<ResNetVariant, ResNetSpec>> = {
  resnet50: { blocks: [3, 4, 6, 3], width: 64 },
  // Same graph and names with one block per stage and 1/8 of the channels: a training step at 32-48 px
  // stays fast on the pure-JS backend and in a slow browser, for tests and weak machines.
  'resnet50-tiny': { blocks: [1, 1, 1, 1], width: 8 },
};

export const RESNET_VARIANTS: readonly ResNetVariant[] = ['resnet50', 'resnet50-tiny'];

export function isResNetVariant(value: unknown): value is ResNetVariant {
  return value === 'resnet50' || value === 'resnet50-tiny';
}

/** Bottleneck filters of stage `stage` (0 = conv2 … 3 = conv5); its output has 4× as many channels. */
export function stageFilters(spec: ResNetSpec, stage: number): number {
  return spec.width * 2 ** stage;
}

/** Channels of the last feature map (conv5_blockN_out): 2048 for ResNet50, 256 for the tiny variant. */
export function featureChannels(variant: ResNetVariant): number {
  return 4 * stageFilters(RESNET_SPECS[variant], 3);
}

/** `conv2_block1` for stage 0, block 0. */
export function blockPrefix(stage: number, block: number): string {
  return `conv${stage + 2}_block${block + 1}`;
}

/** Name of the output layer of the backbone: `conv5_block3_out` for ResNet50. */
export function outputLayerName(variant: ResNetVariant): string {
  const blocks = RESNET_SPECS[variant].blocks;
  return `${blockPrefix(3, blocks[3] - 1)}_out`;
}

/** Every layer that owns weights (Conv2D and BatchNormalization), block by block (not tfjs' layer order). */
export function weightLayerNames(variant: ResNetVariant): string[] {
  const spec = RESNET_SPECS[variant];
  const names = ['conv1_conv', 'conv1_bn'];
  spec.blocks.forEach((count, stage) => {
    for (let block = 0; block < count; block++) {
      const p = blockPrefix(stage, block);
      if (block === 0) names.push(`${p}_0_conv`, `${p}_0_bn`);
      for (const i of [1, 2, 3]) names.push(`${p}_${i}_conv`, `${p}_${i}_bn`);
    }
  });
  return names;
}

// Keras ≤ 2.2 (keras_applications before 1.0.7) named the same layers after the Caffe model:
// res2a_branch2a / bn2a_branch2a (stage 2, block a, conv 1), res2a_branch1 (the projection shortcut).
// ResNet-101/152 used b1, b2, … after block a; accept that too.
const LEGACY_BLOCK = /^(res|bn)(\d)([a-z])(\d*)_branch(1|2a|2b|2c)$/;
const LEGACY_BRANCH: Readonly<Record<string, string>> = { '1': '0', '2a': '1', '2b': '2', '2c': '3' };

function legacyBlockIndex(letter: string, digits: string): number {
  if (digits !== '') return Number(digits); // res4b1 is the second block (index 1)
  return letter.charCodeAt(0) - 'a'.charCodeAt(0);
}

/**
 * Modern Keras name for a legacy ResNet layer name (`res2a_branch2a` → `conv2_block1_1_conv`,
 * `bn_conv1` → `conv1_bn`), or null when the name is not a legacy ResNet weight layer.
 */
export function modernLayerName(legacy: string): string | null {
  if (legacy === 'conv1') return 'conv1_conv';
  if (legacy === 'bn_conv1') return 'conv1_bn';
  const m = LEGACY_BLOCK.exec(legacy);
  if (!m) return null;
  const [, kind, stage, letter, digits, branch] = m;
  const block = legacyBlockIndex(letter, digits);
  return `conv${stage}_block${block + 1}_${LEGACY_BRANCH[branch]}_${kind === 'res' ? 'conv' : 'bn'}`;
}
