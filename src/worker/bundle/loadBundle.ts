import * as tf from '@tensorflow/tfjs';
import { BundleError, type BundleContents } from '../../shared/bundle/validate';
import type { Classifier } from '../model/classifier';

/** Builds the bundle's network on the current backend, with its weights, as a Classifier. */
export async function loadBundleClassifier(contents: BundleContents): Promise<Classifier> {
  const { modelJson, weights, bundle } = contents;
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const parts = modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => weights.get(p)!));
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    format: 'layers-model',
    weightSpecs: specs,
    weightData: data.buffer,
  };
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel({ load: async () => artifacts });
  } catch (e) {
    throw new BundleError(`TensorFlow.js could not build the bundle's network: ${e instanceof Error ? e.message : String(e)}`);
  }
  const input = model.inputs[0].shape;
  if (input.length !== 4 || input[3] !== 3) {
    model.dispose();
    throw new BundleError(`The bundle's network takes input of shape [${input.join(', ')}], not RGB images [batch, h, w, 3].`);
  }
  // The app's own bundles nest the head as a layer named "head"; other classifiers are used whole.
  const head = model.layers.find((l) => l.name === 'head');
  return { model, backbone: model, head: head instanceof tf.LayersModel ? head : model, classNames: [...bundle.classNames] };
}
