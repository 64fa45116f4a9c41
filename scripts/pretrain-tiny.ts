/**
 * Pretrains `resnet50-tiny` on generated SEM images of all 10 kinds and writes it as a deployable backbone
 * (tfjs layers-model) into models/, with its manifest entry. ResNet50 starts from ImageNet weights; the tiny
 * test network has no such weights anywhere, so it gets this stand-in: the same role (a body that already
 * sees edges, textures and shapes), learnt from the project's own generator with seeds the tests never use.
 *
 *   npm run models:tiny -- [--per-class 40] [--epochs 8] [--size 32] [--lr 4e-3] [--aug all|dihedral|none] [--seed 7]
 *                          [--id resnet50-tiny-synthsem] [--out models/<id>]
 *
 * Runs in Node on tfjs' cpu backend (no GPU needed): about 10–30 minutes on 2 cores with the defaults. The
 * backbone and its manifest entry are rewritten after every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { generateSemImage, SEM_KINDS } from '../src/shared/synth';
import type { FineTunePhase } from '../src/shared/train/fineTune';
import { buildClassifier } from '../src/worker/model/classifier';
import { layersModelToFiles } from '../src/worker/model/layersModelFiles';
import { buildResNet50 } from '../src/worker/model/resnet50';
import { arrayBatchSource } from '../src/worker/train/batches';
import { fit } from '../src/worker/train/fit';


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const FRAMES: [number, number][] = [[96, 72], [128, 96], [160, 120], [256, 192]];

/** n images per kind as RGB 0..255 at size x size: the centre square of a 4:3 frame, resized. */
function makeSet(perClass: number, size: number, seedBase: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const frames: tf.Tensor3D[] = [];
  const labels: number[] = [];
  SEM_KINDS.forEach((kind, k) => {
    for (let i = 0; i < perClass; i++) {
      // Frames of the sizes a dataset brings (the app stores at most 256 px and trains on a resized centre
      // square): the generator draws structures in pixels, so the frame size sets how they look once resized.
      const [w, h] = FRAMES[i % FRAMES.length];
      const img = generateSemImage({ kind, width: w, height: h, seed: seedBase + k * 100_000 + i });
      frames.push(tf.tidy(() => {
        const g = tf.tensor3d(img.data, [img.height, img.width, 1], 'int32').toFloat();
        const side = Math.min(img.width, img.height);
        const crop = g.slice([Math.floor((img.height - side) / 2), Math.floor((img.width - side) / 2), 0], [side, side, 1]);
        return tf.image.resizeBilinear(crop, [size, size], true).tile([1, 1, 3]) as tf.Tensor3D;
      }));
      labels.push(k);
    }
  });
  const x = tf.stack(frames) as tf.Tensor4D;
  tf.dispose(frames);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), SEM_KINDS.length).toFloat()) as tf.Tensor2D;
  return { x, y };
}

async function main(): Promise<void> {
  const perClass = Number(arg('per-class', '40'));
  const epochs = Number(arg('epochs', '8'));
  const size = Number(arg('size', '32'));
  const seed = Number(arg('seed', '7'));
  const ID = arg('id', 'resnet50-tiny-synthsem');
  const lr = Number(arg('lr', '4e-3'));
  // 'dihedral': flips and 90° rotations only (label-preserving, no interpolation blur at small sizes)
  const aug = arg('aug', 'all');
  if (!['all', 'dihedral', 'none'].includes(aug)) throw new Error('--aug takes all, dihedral or none');
  const out = resolve(arg('out', join('models', arg('id', 'resnet50-tiny-synthsem'))));
  await tf.setBackend('cpu');
  const t0 = Date.now();
  // Seeds far from the ones the e2e trees use (50 000 + …, 100 + …).
  const train = makeSet(perClass, size, 7_000_000);
  const valid = makeSet(Math.max(4, Math.round(perClass / 5)), size, 9_000_000);
  console.log(`generated ${train.x.shape[0]} + ${valid.x.shape[0]} images at ${size} px in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const classifier = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed }), [...SEM_KINDS], { seed: seed + 1, hidden: 128 });
  const batchSize = 16;
  const stepsPerEpoch = Math.floor(train.x.shape[0] / batchSize);
  const phase: FineTunePhase = {
    name: 'unfrozen', frozen: false, epochs, maxLr: lr, lrMult: 1, spread: 'flat', pctStart: 0.25, div: 25, divFinal: 1e4,
  };
  // The backbone and its manifest entry are written after every epoch, so an interrupted run leaves a usable
  // (if less trained) backbone: the weights are snapshot (cloned) when the epoch ends and saved from a copy
  // of the network while training goes on.
  const save = async (snapshot: tf.Tensor[], epochsDone: number, validAccuracy: number | null) => {
    const copy = buildResNet50({ variant: 'resnet50-tiny' });
    copy.setWeights(snapshot);
    tf.dispose(snapshot);
    const files = await layersModelToFiles(copy, { generatedBy: `scripts/pretrain-tiny.ts (tfjs ${tf.version.tfjs})` });
    copy.dispose();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'model.json'), JSON.stringify(files.modelJson));
    for (const s of files.shards) writeFileSync(join(out, s.path), s.data);

    const manifestPath = resolve('models', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: { id: string }[] };
    const entry = {
      id: ID,
      kind: 'backbone',
      arch: 'resnet50-tiny',
      path: `${relative(resolve('models'), out).split('\\').join('/')}/model.json`,
      preprocessing: 'caffe',
      trainedOn: `generated SEM images, 10 kinds × ${perClass} (npm run models:tiny; valid accuracy ${validAccuracy?.toFixed(3)})`,
      params: classifier.backbone.countParams(),
      source: `scripts/pretrain-tiny.ts --per-class ${perClass} --epochs ${epochs} (after ${epochsDone}) --size ${size} --seed ${seed} --lr ${lr} --aug ${aug}`,
    };
    manifest.models = [...manifest.models.filter((m) => m.id !== ID), entry];
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`wrote ${out} and its entry in models/manifest.json in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
  };
  let saving: Promise<void> = Promise.resolve();
  let last = Date.now();
  const result = await fit({
    classifier, preprocessing: 'caffe', stepsPerEpoch, plan: [phase], seed,
    augment: aug === 'none' ? false : aug === 'dihedral' ? { maxRotate: 0, minZoom: 1, maxZoom: 1, maxWarp: 0, maxLighting: 0 } : {},
    // Exact BN statistics after every epoch (PreciseBN): fine-tuning first runs this body frozen, in inference
    // mode, where only the moving statistics count.
    preciseBnBatches: 12,
    train: arrayBatchSource(train.x, train.y, { batchSize, shuffleSeed: seed, dropLast: true }),
    valid: arrayBatchSource(valid.x, valid.y, { batchSize: 32 }),
    onBatch: (e) => {
      if (Date.now() - last > 15_000) {
        last = Date.now();
        console.log(`  epoch ${e.epoch + 1}/${epochs} batch ${e.batch + 1}/${stepsPerEpoch} loss ${e.smoothLoss.toFixed(3)}`);
      }
    },
    onEpoch: (e) => {
      console.log(`epoch ${e.epoch + 1}/${epochs}: train loss ${e.trainLoss.toFixed(3)}, valid loss ${e.validLoss?.toFixed(3)}, ` +
        `valid accuracy ${e.validAccuracy?.toFixed(3)} (${e.seconds.toFixed(0)} s)`);
      const done = e.epoch + 1;
      const acc = e.validAccuracy;
      const snapshot = classifier.backbone.getWeights().map((w) => w.clone());
      saving = saving.then(() => save(snapshot, done, acc));
    },
  });
  const final = result.epochs[result.epochs.length - 1];

  await saving;
  console.log(`done in ${((Date.now() - t0) / 60000).toFixed(1)} min; final valid accuracy ${final.validAccuracy?.toFixed(3)}`);
  tf.dispose([train.x, train.y, valid.x, valid.y]);
  classifier.model.dispose();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
