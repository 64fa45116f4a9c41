// The names alone, without tfjs, for code that only validates or displays them (manifest, protocol).

/**
 * How pixels are scaled before the backbone, named after keras.applications' `preprocess_input` modes.
 * Keras' ResNet50 ImageNet weights expect 'caffe'; random-init models use 'caffe' too so that a model
 * trained from scratch and a pretrained one see the same numbers.
 */
export type Preprocessing = 'caffe' | 'tf' | 'torch' | 'none';

export const PREPROCESSINGS: readonly Preprocessing[] = ['caffe', 'tf', 'torch', 'none'];

export function isPreprocessing(value: unknown): value is Preprocessing {
  return typeof value === 'string' && (PREPROCESSINGS as readonly string[]).includes(value);
}
