// What the compute worker hands the UI after a run (and after a classified folder): one row per image
// with the full probability vector, so every metric, the confusion matrix, the top losses and the
// per-class views are computed on the UI side by the pure metrics module, never re-run on the GPU.

export interface EvalItem {
  /** sha256 of the stored image (IndexedDB key: thumbnails and full images come from there) */
  hash: string;
  /** path relative to the imported root, e.g. `porous/img_01.png` */
  path: string;
  /** index of the true class in classNames */
  label: number;
  /** softmax output, one per class, in classNames order */
  probs: number[];
  /** cosine distance of its features to the nearest class of the training images (src/shared/novelty.ts); absent when the model has no reference */
  distance?: number;
}

export interface Evaluation {
  /** the run this evaluation belongs to (runs store id), null for an unsaved run */
  runId: string | null;
  classNames: string[];
  /** which images were evaluated */
  split: 'valid' | 'test';
  /** image side the network saw */
  size: number;
  /** without test-time augmentation */
  items: EvalItem[];
  /** the same images with test-time augmentation (mean over flips and 90° rotations); null when not computed */
  ttaItems: EvalItem[] | null;
  /** ms since epoch */
  createdAt: number;
  /** the unfamiliar-image check's threshold on `distance`, and how many training images set it; absent or null: no check */
  novelty?: { threshold: number; images: number } | null;
}
