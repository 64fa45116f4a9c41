// What the Classify step and the compute worker exchange about unlabelled images: a job of many files
// answered by a stream of per-image results, and Grad-CAM heat maps for one image.
import type { InstrumentInfo } from './dataset/instrument';
import type { Prediction, RgbaImage } from './protocol';

export interface PredictItem {
  /** the UI's row id, echoed in the result */
  id: number;
  /** the image file; ignored when `stored` is given */
  file: Blob | null;
  /**
   * an image of the stored dataset instead (the review queue): the worker reads it from IndexedDB and
   * cuts it as training does (`rows` above the data bar, centre square), so no pixels cross the UI thread
   */
  stored?: { hash: string; rows: number };
  /** path relative to the drop (used for format detection and messages) */
  name: string;
  /** the instrument's `.txt` sidecar beside the file (JEOL, Hitachi), read for its metadata */
  sidecar?: Blob;
}

export interface PredictOptions {
  topK: number;
  /** mean over the 8 flips and 90° rotations of each image */
  tta: boolean;
  /** cut the instrument data bar off before predicting, as the dataset import does */
  cropDataBar: boolean;
}

export interface PredictResult {
  id: number;
  /** best first, topK long; empty when the image could not be used */
  top: Prediction[];
  /** softmax output in classNames order; null when the image could not be used */
  probs: number[] | null;
  /** why the image could not be used, null when it was classified */
  error: string | null;
  /** a data bar was found and cut off */
  dataBarCropped: boolean;
  /** a small JPEG for formats the browser cannot show (TIFF), else null */
  thumb: Blob | null;
  /** pixel size, magnification, kV, detector from the file's TIFF tags or sidecar; null when none */
  instrument?: InstrumentInfo | null;
  /** the unfamiliar-image check (src/shared/novelty.ts); null when the image failed or the model has no reference */
  novelty?: Novelty | null;
}

/** How far an image's features lie from the training images' classes, and whether that is farther than 99 % of them. */
export interface Novelty {
  distance: number;
  threshold: number;
  /** the class whose training images are nearest */
  nearest: string;
  unfamiliar: boolean;
}

/** The k most probable classes, best first. */
export function topK(probs: ArrayLike<number>, classNames: readonly string[], k: number): Prediction[] {
  return Array.from(probs, (p, i) => ({ label: classNames[i], probability: p }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

export interface GradCamTarget {
  /** the image file, or */
  file?: Blob;
  /** an image stored in the dataset (IndexedDB images store) */
  hash?: string;
  name: string;
  /** class to explain; the top-1 class when omitted */
  classIndex?: number;
  /** defaults to true */
  cropDataBar?: boolean;
}

export interface GradCamResult {
  /** size of `heat` (that of `image`: the CAM grid is upsampled to it) */
  width: number;
  height: number;
  /** 0..1, row-major */
  heat: Float32Array;
  /** size of the backbone's last feature map the CAM was computed on */
  gridWidth: number;
  gridHeight: number;
  classIndex: number;
  label: string;
  /** the class's probability for this image */
  probability: number;
  /** the square the network saw (after the data-bar crop), to draw the heat map over */
  image: RgbaImage;
}
