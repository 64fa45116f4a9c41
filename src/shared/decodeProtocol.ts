// Messages between the dataset importer (src/ui/features/data/importer.ts) and its decode workers
// (src/worker/decode/decode.worker.ts). Kept apart from protocol.ts: these workers never load tfjs.

import type { DatasetEntry } from './dataset/records';
import type { HexHashed } from './dataset/independence';
import type { BaselineResult } from './eval/baseline';

/** What a decode worker learns about one file: the entry's image facts, plus the bytes to store. */
export interface PreparedImage extends Omit<DatasetEntry, 'path' | 'label' | 'presetSplit'> {
  /** Stored copy (whole frame, longest side ≤ 256) and thumbnail: Blobs travel between threads by reference. */
  bytes: Blob;
  thumb: Blob;
}

/**
 * An image for the baseline's texture features: its image-store key and the rows above its data bar;
 * `bytes` (a stored copy made by `prepare`, of a file that is not in the dataset) replaces the lookup.
 */
export interface TextureItem {
  hash: string;
  rows: number;
  bytes?: Blob;
}

export type ToDecoder =
  /** `sidecar`: the instrument's `.txt` beside the image (JEOL, Hitachi), read with it */
  | { type: 'prepare'; id: number; file: Blob; name: string; sidecar?: Blob }
  /** texture features (src/shared/eval/lbp.ts) of stored images, read from IndexedDB by the worker */
  | { type: 'texture'; id: number; items: TextureItem[] }
  /** fit the baseline's logistic regression and predict the validation rows */
  | { type: 'fitBaseline'; id: number; train: { features: Float32Array; label: number }[]; valid: { features: Float32Array; label: number; hash: string; path: string }[]; classNames: string[] }
  /** independent groups (near-duplicate components) among `items` (src/shared/dataset/independence.ts) */
  | { type: 'groups'; id: number; items: HexHashed[] }
  /** for each query, whether it has a near-copy among the references */
  | { type: 'nearCopies'; id: number; references: HexHashed[]; queries: HexHashed[] };

export type FromDecoder =
  | { type: 'prepared'; id: number; image: PreparedImage }
  /** The file cannot be used; `reason` is a sentence for the issues list. */
  | { type: 'unusable'; id: number; reason: string; hash: string | null }
  /** one per item in order; null where the stored image is missing */
  | { type: 'texture'; id: number; features: (Float32Array | null)[] }
  | { type: 'baseline'; id: number; result: BaselineResult }
  | { type: 'groups'; id: number; count: number }
  | { type: 'nearCopies'; id: number; flags: boolean[] }
  | { type: 'failed'; id: number; message: string };
