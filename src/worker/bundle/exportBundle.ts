import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleFileName, type BundleJson } from '../../shared/bundle/format';
import { packBundle } from '../../shared/bundle/pack';
import { bundleMetricsOf, bundleTrainingOf } from '../../shared/bundle/training';
import { weightsToHalf } from '../../shared/bundle/float16';
import type { BundleExportMeta, Float16Check } from '../../shared/protocol';
import { DEFAULT_SHARD_BYTES, layersModelToFiles, type LayersModelFiles } from '../model/layersModelFiles';
import type { ModelSession } from '../session';
import { lastEvalTarget } from '../train/evaluate';
import { checkFloat16 } from './float16Check';

/** The same files with float16 weights, re-sharded at the converter's shard size. */
function halfFiles(files: LayersModelFiles): LayersModelFiles {
  const group = files.modelJson.weightsManifest[0];
  const joined = new Uint8Array(files.shards.reduce((n, s) => n + s.data.byteLength, 0));
  let at = 0;
  for (const s of files.shards) {
    joined.set(s.data, at);
    at += s.data.byteLength;
  }
  const half = weightsToHalf(group.weights, joined);
  const count = Math.max(1, Math.ceil(half.data.byteLength / DEFAULT_SHARD_BYTES));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    data: half.data.subarray(i * DEFAULT_SHARD_BYTES, Math.min(half.data.byteLength, (i + 1) * DEFAULT_SHARD_BYTES)),
  }));
  return { modelJson: { ...files.modelJson, weightsManifest: [{ paths: shards.map((s) => s.path), weights: half.specs as typeof group.weights }] }, shards };
}

/** The loaded classifier as one bundle .zip: model.json + weights of the whole network, bundle.json, a card. */
export async function exportBundle(
  session: ModelSession,
  meta: BundleExportMeta,
  progress: (stage: string, done: number, total: number) => void,
): Promise<{ bytes: Uint8Array; fileName: string; float16: Float16Check | null }> {
  const current = session.current;
  if (!current) throw new Error('No model is loaded yet.');
  const { classifier, preprocessing, info } = current;
  if (!info.headTrained) throw new Error('The classification head is not trained yet: train it (or import a trained bundle) before exporting.');
  progress('serialising the weights', 0, 2);
  const full = await layersModelToFiles(classifier.model, { generatedBy: `SEM Classifier ${meta.appVersion}` });
  if (full.modelJson.weightsManifest.length !== 1) throw new Error('internal: expected one weight group');
  const files = meta.float16 ? halfFiles(full) : full;
  // What float16 changes, measured on the last run's validation images (none for an imported bundle).
  let float16: Float16Check | null = null;
  if (meta.float16) {
    const target = lastEvalTarget(session);
    if (target) {
      progress('measuring the float16 predictions', 1, 3);
      float16 = await checkFloat16(classifier, preprocessing, target);
    }
  }
  // How the model came to be, from its origin as the worker adopted it: a run here writes that run's recipe,
  // history and kept epoch; an imported bundle keeps its own account; the UI adds only names and per-class numbers.
  const origin = info.origin;
  const provenance = origin.kind === 'bundle' ? session.provenance : null;
  const createdAt = new Date().toISOString();
  const bundle: BundleJson = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: meta.name.trim() || provenance?.name || 'sem-classifier',
    createdAt,
    appVersion: meta.appVersion,
    classNames: [...classifier.classNames],
    modelFile: 'model.json',
    backbone: { name: info.backbone, pretrained: info.pretrained, weightsNote: info.weightsNote, params: classifier.model.countParams() },
    preprocessing: {
      inputSize: info.inputSize,
      normalization: preprocessing,
      resize: 'center-square-bilinear',
      // the crop the model was trained with, as the worker knows it (never the Data step's toggle of now)
      dataBarCrop: session.dataBarCrop,
    },
    training: origin.kind === 'trained' ? bundleTrainingOf(origin) : (provenance?.training ?? null),
    metrics: origin.kind === 'trained' ? bundleMetricsOf(origin, meta.perClass) : (provenance?.metrics ?? null),
    ...(session.novelty ? { novelty: session.novelty } : {}),
  };
  progress('zipping', 1, 2);
  const bytes = packBundle({ modelJson: files.modelJson as unknown as Record<string, unknown>, shards: files.shards, bundle });
  progress('done', 2, 2);
  const fileName = bundleFileName(bundle.name, createdAt);
  return { bytes, fileName: meta.float16 ? fileName.replace(/\.zip$/, '-float16.zip') : fileName, float16 };
}
