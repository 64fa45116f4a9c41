import * as tf from '@tensorflow/tfjs';
import { BundleError, type BundleContents } from '../../shared/bundle/validate';
import type { Classifier } from '../model/classifier';

/** The bundle's model.json and weight files as tfjs model artifacts (the weights in one buffer). */
export function bundleArtifacts(contents: BundleContents): tf.io.ModelArtifacts {
  const { modelJson, weights } = contents;
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const parts = modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => weights.get(p)!));
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  return { modelTopology: modelJson.modelTopology, format: 'layers-model', weightSpecs: specs, weightData: data.buffer };
}

/**
 * A saved classifier network (a bundle's, or the session's own copy) built on the current backend. The app's
 * networks nest the head as a layer named "head": backbone and head are split at it, as buildClassifier
 * makes them (Grad-CAM and the probes need the feature map); other classifiers are used whole.
 */
export async function classifierFromArtifacts(artifacts: tf.io.ModelArtifacts, classNames: readonly string[]): Promise<Classifier> {
  const model = await tf.loadLayersModel({ load: async () => artifacts });
  const head = model.layers.find((l) => l.name === 'head');
  if (!(head instanceof tf.LayersModel)) return { model, backbone: model, head: model, classNames: [...classNames] };
  // Node 0 of a nested model is its own input; the last node is where the outer network applies it.
  const features = head.getInputAt(head.inboundNodes.length - 1) as tf.SymbolicTensor;
  const backbone = tf.model({ inputs: model.inputs, outputs: features, name: 'backbone' });
  return { model, backbone, head, classNames: [...classNames] };
}

/** Builds the bundle's network on the current backend, with its weights, as a Classifier. */
export async function loadBundleClassifier(contents: BundleContents, artifacts = bundleArtifacts(contents)): Promise<Classifier> {
  let classifier: Classifier;
  try {
    classifier = await classifierFromArtifacts(artifacts, contents.bundle.classNames);
  } catch (e) {
    throw new BundleError(`TensorFlow.js could not build the bundle's network: ${e instanceof Error ? e.message : String(e)}`);
  }
  const input = classifier.model.inputs[0].shape;
  if (input.length !== 4 || input[3] !== 3) {
    classifier.model.dispose();
    throw new BundleError(`The bundle's network takes input of shape [${input.join(', ')}], not RGB images [batch, h, w, 3].`);
  }
  return classifier;
}
