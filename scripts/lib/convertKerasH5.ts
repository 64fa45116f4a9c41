// Node side of `npm run models:resnet50`: Keras HDF5 weights → tfjs layers-model files on disk.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKerasH5Weights, type H5Module } from '../../src/worker/model/kerasH5';
import { layersModelToFiles } from '../../src/worker/model/layersModelFiles';
import { buildResNet50, type ResNetVariant } from '../../src/worker/model/resnet50';

export interface ConvertOptions {
  /** 'resnet50-tiny' for tests; default 'resnet50' */
  variant?: ResNetVariant;
  shardBytes?: number;
  h5?: H5Module;
}

export interface ConvertResult {
  params: number;
  /** layers whose weights came from the file */
  loaded: number;
  /** layers of the file left out (the top, if any) */
  skipped: string[];
  /** files written into outDir, model.json last */
  files: string[];
}

/**
 * Builds the Keras-layout ResNet50, sets its weights from a Keras .h5 file and writes model.json plus
 * group1-shardNofM.bin into outDir. The result loads with tf.loadLayersModel and with loadConvertedBackbone.
 */
export async function convertKerasH5ToTfjs(h5Bytes: ArrayBuffer, outDir: string, opts: ConvertOptions = {}): Promise<ConvertResult> {
  const model = buildResNet50({ variant: opts.variant ?? 'resnet50', seed: 0 });
  try {
    const { loaded, skipped } = await loadKerasH5Weights(model, h5Bytes, opts.h5);
    const { modelJson, shards } = await layersModelToFiles(model, {
      shardBytes: opts.shardBytes,
      generatedBy: 'keras-applications ResNet50 weights, converted by scripts/models-resnet50.ts',
    });
    await mkdir(outDir, { recursive: true });
    // Shards of an earlier conversion with another shard count would linger and confuse a reader.
    for (const f of await readdir(outDir)) if (/^group\d+-shard\d+of\d+(\.bin)?$/.test(f)) await rm(join(outDir, f));
    for (const s of shards) await writeFile(join(outDir, s.path), s.data);
    await writeFile(join(outDir, 'model.json'), JSON.stringify(modelJson));
    return { params: model.countParams(), loaded, skipped, files: [...shards.map((s) => s.path), 'model.json'] };
  } finally {
    model.dispose();
  }
}
