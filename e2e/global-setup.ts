// Makes what the e2e tests drop into the app: generated SEM images (PNG) and a converted tiny backbone
// (tfjs layers-model: model.json + weight shard), all in e2e/.generated, rebuilt on every run.
import * as tf from '@tensorflow/tfjs';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSemImage, type SemKind } from '../src/shared/synth';
import { buildResNet50 } from '../src/worker/model/resnet50';
import { encodePng } from '../scripts/lib/png';
import { writeDatasetTree } from './datasetTree';
import { writeLabelTree } from './labelTree';
import { writeEasyTree, writeTrainTree } from './trainTree';
import { writeUnlabelledTree } from './unlabelledTree';
import { GENERATED } from './fixtures';

/** A deployer's models/ folder: a manifest entry pointing at (tiny) pretrained weights. */
function writeDeployedModels(dir: string, from: string): void {
  mkdirSync(join(dir, 'tiny'), { recursive: true });
  cpSync(join(from, 'model.json'), join(dir, 'tiny', 'model.json'));
  cpSync(join(from, 'group1-shard1of1.bin'), join(dir, 'tiny', 'group1-shard1of1.bin'));
  const manifest = {
    models: [{
      id: 'resnet50-tiny-test', kind: 'backbone', arch: 'resnet50-tiny', path: 'tiny/model.json', preprocessing: 'caffe',
      trainedOn: 'synthetic test weights', params: TINY_PARAMS, source: 'e2e global setup',
    }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

let TINY_PARAMS = 0;

async function writeTinyBackbone(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await tf.setBackend('cpu');
  const model = buildResNet50({ variant: 'resnet50-tiny', seed: 3 });
  TINY_PARAMS = model.countParams();
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      writeFileSync(join(dir, 'group1-shard1of1.bin'), weights);
      writeFileSync(
        join(dir, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          generatedBy: 'e2e global setup',
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      // The same model with a shard one float short: the loader must refuse it.
      mkdirSync(join(dir, 'broken'), { recursive: true });
      writeFileSync(join(dir, 'broken', 'group1-shard1of1.bin'), weights.subarray(0, weights.byteLength - 4));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}

export default async function globalSetup(): Promise<void> {
  rmSync(GENERATED, { recursive: true, force: true });
  const images = join(GENERATED, 'images');
  mkdirSync(images, { recursive: true });
  const kinds: SemKind[] = ['particles', 'nanowires', 'porous'];
  for (const [i, kind] of kinds.entries()) {
    const img = generateSemImage({ kind, width: 256, height: 192, seed: 100 + i });
    writeFileSync(join(images, `${kind}_0.png`), encodePng(img));
  }
  await writeTinyBackbone(join(GENERATED, 'tiny-backbone'));
  writeDeployedModels(join(GENERATED, 'deployed-models'), join(GENERATED, 'tiny-backbone'));
  writeDatasetTree(join(GENERATED, 'dataset'));
  writeTrainTree(join(GENERATED, 'train'));
  writeEasyTree(join(GENERATED, 'train'));
  writeUnlabelledTree(join(GENERATED, 'unlabelled'));
  writeLabelTree(join(GENERATED, 'label'));
}
