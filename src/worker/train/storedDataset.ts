import * as tf from '@tensorflow/tfjs';
import { croppedStoredRows, type DatasetEntry } from '../../shared/dataset/records';
import { getImage, loadEntries, loadMeta } from '../../shared/storage/datasetDb';
import { squaresToBatch } from '../preprocess/input';
import { storedSquare } from '../preprocess/decode';
import { epochOrder, type Batch, type BatchSource } from './batches';

// Training data straight from IndexedDB: the compute worker reads the stored JPEGs itself, so no pixel
// crosses the UI thread. Each batch is read and decoded when needed (the next one while the current one
// trains), which keeps memory flat whatever the dataset size.

export interface LabelledImage {
  hash: string;
  /** path as imported (`root/class/img.png`), for evaluation results */
  path: string;
  /** class index in classNames */
  label: number;
  /** rows of the stored copy to use: the data bar is cut off when the dataset's crop setting is on */
  rows: number;
}

export interface StoredSplit {
  /** the dataset's revision (meta.revision) these images were read at */
  revision: number;
  classNames: string[];
  /** the dataset's data-bar setting the rows were cut with (what a model trained on it expects) */
  cropDataBar: boolean;
  train: LabelledImage[];
  valid: LabelledImage[];
}

/** The split's training and validation images of the non-excluded classes, classes sorted by name. */
export async function loadStoredSplit(dataset: string): Promise<StoredSplit> {
  const [meta, entries] = await Promise.all([loadMeta(dataset), loadEntries(dataset)]);
  if (!meta || entries.length === 0) throw new Error('No dataset is imported: add class folders in the Data step first.');
  if (!meta.split) throw new Error('The dataset has no train/validation split yet: open the Data step to draw one.');
  const excluded = new Set(meta.excluded);
  const used = entries.filter((e): e is DatasetEntry & { label: string } => e.label !== null && !excluded.has(e.label));
  const classNames = [...new Set(used.map((e) => e.label))].sort();
  if (classNames.length < 2) throw new Error(`Training needs at least two classes (the dataset has ${classNames.length}).`);
  const index = new Map(classNames.map((c, i) => [c, i]));
  const out: StoredSplit = { revision: meta.revision ?? 0, classNames, cropDataBar: meta.cropDataBar, train: [], valid: [] };
  for (const e of used) {
    const side = meta.split.assign[e.path];
    if (side !== 'train' && side !== 'valid') continue; // test images stay unseen
    out[side].push({ hash: e.hash, path: e.path, label: index.get(e.label)!, rows: meta.cropDataBar ? croppedStoredRows(e) : e.storedHeight });
  }
  if (out.train.length === 0) throw new Error('The split has no training images.');
  return out;
}

/** A stored image's centre square of its rows above the data bar (the preprocessing path's step 3). */
export async function decodeSquare(img: LabelledImage): Promise<ImageData> {
  const stored = await getImage(img.hash);
  if (!stored) throw new Error(`A stored image is missing (${img.hash.slice(0, 12)}…): re-import the dataset.`);
  return storedSquare(stored.bytes, img.rows);
}

function toBatch(pixels: ImageData[], labels: number[], size: number, classes: number): Batch {
  return tf.tidy(() => ({
    x: squaresToBatch(pixels, size),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D,
  }));
}

export interface StoredSourceOptions {
  batchSize: number;
  classes: number;
  /** image side for a 0-based epoch (progressive resizing) */
  sizeAt: (epoch: number) => number;
  /** reshuffle each epoch with seed + epoch; omit for a fixed order (validation) */
  shuffleSeed?: number;
  dropLast?: boolean;
}

export function storedBatchSource(images: readonly LabelledImage[], o: StoredSourceOptions): BatchSource {
  return (epoch, fromBatch = 0) => ({
    async *[Symbol.asyncIterator]() {
      const order = epochOrder(images.length, o.shuffleSeed, epoch);
      const chunks: number[][] = [];
      for (let s = fromBatch * o.batchSize; s < order.length; s += o.batchSize) {
        const idx = order.slice(s, s + o.batchSize);
        if (o.dropLast && idx.length < o.batchSize) break;
        chunks.push(idx);
      }
      const load = (idx: number[]) => Promise.all(idx.map((i) => decodeSquare(images[i])));
      let next = chunks.length ? load(chunks[0]) : null;
      for (let c = 0; c < chunks.length; c++) {
        const pixels = await next!;
        // Decode the following batch while the consumer trains on this one.
        next = c + 1 < chunks.length ? load(chunks[c + 1]) : null;
        next?.catch(() => undefined); // surfaced when awaited; avoids an unhandled rejection if the loop stops
        yield toBatch(pixels, chunks[c].map((i) => images[i].label), o.sizeAt(epoch), o.classes);
      }
    },
  });
}
