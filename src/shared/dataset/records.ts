// What an imported dataset is made of once stored: one entry per usable image (pixels live in the image
// store under the content hash), the files that could not be used, and the split. Shared by the import
// (UI + decode workers), the storage module and, later, the compute worker that trains on it.

import type { InstrumentInfo } from './instrument';
import type { SplitName } from './layout';

export interface DataBarInfo {
  found: boolean;
  /** First bar row in the original image's rows (the height when there is no bar). */
  top: number;
  /** Row after the bar, exclusive. */
  bottom: number;
  style: 'bright' | 'dark' | null;
}

export interface DatasetEntry {
  /** Path relative to the dropped root's parent, as the user sees it (`root/class/img.tif`). */
  path: string;
  label: string | null;
  presetSplit: SplitName | null;
  /** sha256 of the file's bytes: the image store key and the exact-duplicate key. */
  hash: string;
  /** Size of the original file's image. */
  width: number;
  height: number;
  /** Size of the stored copy (longest side ≤ STORED_SIDE), the whole frame with its data bar. */
  storedWidth: number;
  storedHeight: number;
  dataBar: DataBarInfo;
  /** pHash of the cropped image (16 hex digits), and its nine shifted hashes for near-duplicate matching. */
  phash: string;
  shifts: string[];
  /** Where the label came from (labels.ts); absent on older records: `folder` when labelled. */
  origin?: LabelOrigin;
  /** When the label was last set or changed in the app (ms since epoch); absent: at import. */
  labelledAt?: number;
  /** Left out of training and validation by the user (fastai's cleaner), but kept and shown marked. */
  excluded?: boolean;
  /**
   * What the file's own metadata says (TIFF tags, sidecar): pixel size in nm per pixel of the ORIGINAL file
   * (`width` pixels wide; the stored copy's is `storedPixelSizeNm`), magnification, kV, detector. Absent
   * when nothing is known, and on records imported before it was read.
   */
  instrument?: InstrumentInfo;
}

/** folder: the import's class folder; hand: labelled in the app; accepted: the model's prediction, accepted in review. */
export type LabelOrigin = 'folder' | 'hand' | 'accepted';

/** One change to one image, kept in the dataset record so the labels CSV can list every change. */
export interface LabelEvent {
  at: number;
  path: string;
  action: 'label' | 'exclude' | 'include' | 'delete' | 'restore';
  /** class before and after (the same for exclude / include) */
  from: string | null;
  to: string | null;
  origin: LabelOrigin | null;
  /** the change undid an earlier one */
  undo?: boolean;
}

/** A round of the review queue: how many images it labelled, and the validation accuracy of the next run. */
export interface ReviewRound {
  startedAt: number;
  added: number;
  /** validation accuracy of the run the round started from, null when unknown */
  accuracyBefore: number | null;
  /** validation accuracy of the first run trained after the round's last label, null until one ends */
  accuracyAfter: number | null;
  /** time of the round's last label */
  lastAt: number | null;
}

export interface DatasetIssue {
  path: string;
  reason: string;
}

export interface DatasetSplit {
  seed: number;
  validFrac: number;
  /** path → side */
  assign: Record<string, SplitName>;
}

export interface DatasetMeta {
  id: string;
  name: string;
  createdAt: number;
  /** Files skipped or flagged: non-images, undecodable or oversized images, exact duplicates. */
  issues: DatasetIssue[];
  /** Hidden and system files, counted only. */
  hiddenCount: number;
  /** False while an import is running or when it was cancelled or stopped by a full disk. */
  complete: boolean;
  /** Why an import stopped early, for the status line after a reload. */
  stopReason: string | null;
  /** Crop the data bar when images are used (on by default). */
  cropDataBar: boolean;
  /** Classes left out of training and of the split. */
  excluded: string[];
  split: DatasetSplit | null;
  /** Every labelling change made in the app, oldest first (labels CSV, project file); absent: none yet. */
  labelLog?: LabelEvent[];
  /** Bumped by every labelling change: a run remembers it, Evaluate says when the dataset changed since. */
  revision?: number;
  reviewRounds?: ReviewRound[];
}

export interface StoredImage {
  /** The whole frame, longest side ≤ STORED_SIDE, JPEG or WebP. */
  bytes: Blob;
  /** Longest side ≤ THUMB_SIDE, whole frame too (the UI crops the bar with CSS when asked). */
  thumb: Blob;
  width: number;
  height: number;
}

export const STORED_SIDE = 256;
export const THUMB_SIDE = 64;

/** Rows of the stored copy to keep when cropping the bar. */
export function croppedStoredRows(e: Pick<DatasetEntry, 'dataBar' | 'height' | 'storedHeight'>): number {
  if (!e.dataBar.found) return e.storedHeight;
  return Math.max(1, Math.min(e.storedHeight, Math.floor((e.dataBar.top * e.storedHeight) / e.height)));
}
