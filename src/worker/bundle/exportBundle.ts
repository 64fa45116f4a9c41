import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleFileName, type BundleJson } from '../../shared/bundle/format';
import { packBundle } from '../../shared/bundle/pack';
import type { BundleExportMeta } from '../../shared/protocol';
import { layersModelToFiles } from '../model/layersModelFiles';
import type { ModelSession } from '../session';

/** The loaded classifier as one bundle .zip: model.json + weights of the whole network, bundle.json, a card. */
export async function exportBundle(
  session: ModelSession,
  meta: BundleExportMeta,
  progress: (stage: string, done: number, total: number) => void,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const current = session.current;
  if (!current) throw new Error('No model is loaded yet.');
  const { classifier, preprocessing, info } = current;
  if (!info.headTrained) throw new Error('The classification head is not trained yet: train it (or import a trained bundle) before exporting.');
  progress('serialising the weights', 0, 2);
  const files = await layersModelToFiles(classifier.model, { generatedBy: `SEM Classifier ${meta.appVersion}` });
  // An imported bundle keeps its own history; a model trained here gets the UI's account of the run.
  const origin = session.provenance;
  const createdAt = new Date().toISOString();
  const bundle: BundleJson = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: meta.name.trim() || origin?.name || 'sem-classifier',
    createdAt,
    appVersion: meta.appVersion,
    classNames: [...classifier.classNames],
    modelFile: 'model.json',
    backbone: { name: info.backbone, pretrained: info.pretrained, weightsNote: info.weightsNote, params: classifier.model.countParams() },
    preprocessing: {
      inputSize: info.inputSize,
      normalization: preprocessing,
      resize: 'center-square-bilinear',
      // the crop the model was trained with, as the worker knows it; the UI's only when it does not
      dataBarCrop: session.dataBarCrop ?? (origin ? origin.dataBarCrop : meta.dataBarCrop),
    },
    training: origin ? origin.training : meta.training,
    metrics: origin ? origin.metrics : meta.metrics,
  };
  progress('zipping', 1, 2);
  const bytes = packBundle({ modelJson: files.modelJson as unknown as Record<string, unknown>, shards: files.shards, bundle });
  progress('done', 2, 2);
  return { bytes, fileName: bundleFileName(bundle.name, createdAt) };
}
