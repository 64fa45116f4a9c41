// Events of the training engine (src/worker/train/fit.ts), as plain data: the protocol can forward them to
// the UI unchanged.

export type PhaseName = 'frozen' | 'unfrozen';

/** tf.memory() at the time of the event: a number of tensors that keeps growing is a leak. */
export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  /** bytes held by the GPU backend (WebGL textures, WebGPU buffers) where it reports them */
  numBytesInGPU?: number;
}

export interface BatchEvent {
  phase: PhaseName;
  /** 0-based, counted over all phases */
  epoch: number;
  /** 0-based within the epoch */
  batch: number;
  /** 0-based, counted over all phases */
  step: number;
  loss: number;
  /** fastai's smoothed training loss (beta 0.98, debiased), what its progress bar shows */
  smoothLoss: number;
  /** per parameter group, head last */
  lrs: number[];
  beta1: number;
  batchSize: number;
  /** image height in pixels (changes with progressive resizing; fast mode: the size its features were computed at) */
  imageSize: number;
  /** shape of the tensor the data source fed to the network: [batch, h, w, 3], or [batch, dim] of cached features */
  inputShape: number[];
  ms: number;
  memory: MemoryInfo;
}

export interface EpochEvent {
  phase: PhaseName;
  epoch: number;
  /** mean loss of the epoch's training batches (with augmentation and dropout) */
  trainLoss: number;
  /** null without a validation source */
  validLoss: number | null;
  validAccuracy: number | null;
  seconds: number;
  memory: MemoryInfo;
  /** the distinct input shapes of the epoch's training batches, as `8x32x32x3` (what the data source fed) */
  inputShapes?: string[];
}
