import * as tf from '@tensorflow/tfjs';

/** tensorflowjs_converter's default: 4 MiB per weight file, small enough for any HTTP cache. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

export interface LayersModelFiles {
  /** model.json contents (format layers-model), referring to the shards by file name */
  modelJson: tf.io.ModelJSON;
  shards: { path: string; data: Uint8Array }[];
}

/** The model as tfjs saves it (topology, weight specs, all weights in one buffer), in memory. */
export async function saveArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved?.weightSpecs || saved.weightData === undefined) throw new Error('internal: the model saved no weights');
  return saved;
}

/**
 * Serialises a LayersModel into the files `tensorflowjs_converter` writes (model.json and
 * group1-shardNofM.bin), in memory, so a script can write them to disk and a worker can zip them.
 */
export async function layersModelToFiles(
  model: tf.LayersModel,
  opts: { shardBytes?: number; generatedBy?: string } = {},
): Promise<LayersModelFiles> {
  const shardBytes = opts.shardBytes ?? DEFAULT_SHARD_BYTES;
  const saved = await saveArtifacts(model);
  const data = new Uint8Array(tf.io.concatenateArrayBuffers(saved.weightData as ArrayBuffer | ArrayBuffer[]));
  const count = Math.max(1, Math.ceil(data.byteLength / shardBytes));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    data: data.subarray(i * shardBytes, Math.min(data.byteLength, (i + 1) * shardBytes)),
  }));
  const modelJson: tf.io.ModelJSON = {
    format: 'layers-model',
    generatedBy: opts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: saved.modelTopology as object,
    weightsManifest: [{ paths: shards.map((s) => s.path), weights: saved.weightSpecs! }],
  };
  return { modelJson, shards };
}
