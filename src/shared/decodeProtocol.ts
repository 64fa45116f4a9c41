// Messages between the dataset importer (src/ui/dataset/importer.ts) and its decode workers
// (src/worker/decode/decode.worker.ts). Kept apart from protocol.ts: these workers never load tfjs.

import type { DatasetEntry } from './dataset/records';

/** What a decode worker learns about one file: the entry's image facts, plus the bytes to store. */
export interface PreparedImage extends Omit<DatasetEntry, 'path' | 'label' | 'presetSplit'> {
  /** Stored copy (whole frame, longest side ≤ 256) and thumbnail: Blobs travel between threads by reference. */
  bytes: Blob;
  thumb: Blob;
}

export type ToDecoder = { type: 'prepare'; id: number; file: Blob; name: string };

export type FromDecoder =
  | { type: 'prepared'; id: number; image: PreparedImage }
  /** The file cannot be used; `reason` is a sentence for the issues list. */
  | { type: 'unusable'; id: number; reason: string; hash: string | null };
