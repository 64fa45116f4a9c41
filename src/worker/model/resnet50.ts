import * as tf from '@tensorflow/tfjs';
import {
  RESNET_SPECS,
  blockPrefix,
  featureChannels,
  stageFilters,
  type ResNetVariant,
} from './layerNames';

export { featureChannels, outputLayerName, weightLayerNames, modernLayerName, RESNET_SPECS } from './layerNames';
export type { ResNetVariant } from './layerNames';

export interface BuildResNetOptions {
  variant: ResNetVariant;
  /** Same seed, same initial weights. Without one every build differs. */
  seed?: number;
}

/** Keras' values (resnet.py): BN over channels-last with an epsilon slightly above 1e-5. */
const BN_AXIS = 3;
const BN_EPSILON = 1.001e-5;

type Sym = tf.SymbolicTensor;

/** Hands out one seed per layer: equal seeds on equal shapes would give equal kernels. */
class SeedSequence {
  private next: number | undefined;
  constructor(seed: number | undefined) {
    this.next = seed;
  }
  kernel(): ReturnType<typeof tf.initializers.heNormal> {
    const seed = this.next;
    if (this.next !== undefined) this.next += 1;
    // He init suits ReLU nets trained from scratch; pretrained weights overwrite it anyway.
    return tf.initializers.heNormal(seed === undefined ? {} : { seed });
  }
}

function apply(layer: tf.layers.Layer, x: Sym | Sym[]): Sym {
  return layer.apply(x) as Sym;
}

function conv(x: Sym, seeds: SeedSequence, filters: number, kernel: number, strides: number, name: string): Sym {
  return apply(
    tf.layers.conv2d({
      filters,
      kernelSize: kernel,
      strides,
      // Keras pads only the 3x3 convs ('SAME'); the 1x1 ones and the 7x7 stem (after ZeroPadding2D) are 'valid'.
      padding: kernel === 3 ? 'same' : 'valid',
      useBias: true,
      kernelInitializer: seeds.kernel(),
      biasInitializer: 'zeros',
      name,
    }),
    x,
  );
}

function batchNorm(x: Sym, name: string, zeroGamma = false): Sym {
  return apply(
    tf.layers.batchNormalization({
      axis: BN_AXIS,
      epsilon: BN_EPSILON,
      // Zero gamma on the last BN of each residual branch makes every block start as the identity,
      // which trains from scratch markedly better ("bag of tricks", fastai's default); Keras uses ones.
      gammaInitializer: zeroGamma ? 'zeros' : 'ones',
      name,
    }),
    x,
  );
}

function relu(x: Sym, name: string): Sym {
  return apply(tf.layers.activation({ activation: 'relu', name }), x);
}

/** keras.applications.resnet.block1: bottleneck 1x1 → 3x3 → 1x1 (4× filters), stride on the first 1x1. */
function bottleneck(x: Sym, seeds: SeedSequence, filters: number, stride: number, projection: boolean, name: string): Sym {
  let shortcut = x;
  if (projection) {
    shortcut = conv(x, seeds, 4 * filters, 1, stride, `${name}_0_conv`);
    shortcut = batchNorm(shortcut, `${name}_0_bn`);
  }
  let y = conv(x, seeds, filters, 1, stride, `${name}_1_conv`);
  y = relu(batchNorm(y, `${name}_1_bn`), `${name}_1_relu`);
  y = conv(y, seeds, filters, 3, 1, `${name}_2_conv`);
  y = relu(batchNorm(y, `${name}_2_bn`), `${name}_2_relu`);
  y = conv(y, seeds, 4 * filters, 1, 1, `${name}_3_conv`);
  y = batchNorm(y, `${name}_3_bn`, true);
  const sum = apply(tf.layers.add({ name: `${name}_add` }), [shortcut, y]);
  return relu(sum, `${name}_out`);
}

/**
 * Keras `ResNet50(include_top=False, pooling=None)`, layer for layer and name for name, taking images of
 * any size (progressive resizing). Output: conv5_blockN_out, [batch, h/32, w/32, featureChannels].
 */
export function buildResNet50(opts: BuildResNetOptions): tf.LayersModel {
  const spec = RESNET_SPECS[opts.variant];
  const seeds = new SeedSequence(opts.seed);
  const input = tf.input({ shape: [null, null, 3], name: 'input_1' });

  let x = apply(tf.layers.zeroPadding2d({ padding: [[3, 3], [3, 3]], name: 'conv1_pad' }), input);
  x = conv(x, seeds, spec.width, 7, 2, 'conv1_conv');
  x = relu(batchNorm(x, 'conv1_bn'), 'conv1_relu');
  x = apply(tf.layers.zeroPadding2d({ padding: [[1, 1], [1, 1]], name: 'pool1_pad' }), x);
  x = apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }), x);

  spec.blocks.forEach((count, stage) => {
    const filters = stageFilters(spec, stage);
    for (let block = 0; block < count; block++) {
      // conv2 keeps the resolution (the max pool already halved it); later stages halve it in block 1.
      const stride = block === 0 && stage > 0 ? 2 : 1;
      x = bottleneck(x, seeds, filters, stride, block === 0, blockPrefix(stage, block));
    }
  });

  const model = tf.model({ inputs: input, outputs: x, name: opts.variant === 'resnet50' ? 'resnet50' : 'resnet50_tiny' });
  const channels = model.outputs[0].shape[3];
  if (channels !== featureChannels(opts.variant)) {
    throw new Error(`internal: ${opts.variant} ends with ${channels} channels, expected ${featureChannels(opts.variant)}`);
  }
  return model;
}
