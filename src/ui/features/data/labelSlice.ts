import type { StateCreator } from 'zustand';
import type { UndoRecord } from '../../../shared/dataset/labels';
import type { UncertaintyMeasure } from '../../../shared/review/uncertainty';
import type { DatasetEntry, DatasetMeta, DatasetSplit } from '../../../shared/dataset/records';
import type { Store } from '../../store';
import { UndoStorage } from './undoStorage';

/** Undo keeps at least this many changes (the issue asks for 50). */
export const UNDO_DEPTH = 100;

export interface UndoStep extends UndoRecord {
  /** the dataset (project) it was made in: another project's steps are not undone here */
  dataset: string;
  /** labels made in the review queue: the round they counted in, and how many */
  review: { round: number; added: number } | null;
  /** meta.revision before and after the change (absent in steps stored by older versions) */
  revision?: { before: number; after: number };
}

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage blocked
  }
}

/** The undo stack's copy in this tab's sessionStorage (undoStorage.ts). */
export const undoStorage = new UndoStorage(sessionStore());

export type ReviewState = 'idle' | 'running' | 'ready';

export interface ReviewPrediction {
  probs: number[];
  /** the unfamiliar-image check flagged it (unlike every class's training images); absent when the model has no check */
  unfamiliar?: boolean;
}

export interface LabelSlice {
  undoStack: UndoStep[];
  /** label changes are being stored (and the split grown): training waits for them */
  labelSaving: boolean;
  /** meta.revision when the last run started in this tab; null before one */
  runRevision: number | null;
  reviewState: ReviewState;
  /** the model's softmax per unlabelled image path, in reviewClassNames order */
  reviewPredictions: Record<string, ReviewPrediction>;
  reviewClassNames: string[];
  /** paths skipped with Space, in skip order: they go to the end of the queue */
  reviewSkipped: string[];
  reviewMeasure: UncertaintyMeasure;
  reviewProgress: { done: number; total: number };
  reviewError: string | null;
  /** a label change or its undo: entries, dataset record and undo stack in one update */
  labelsChanged: (meta: DatasetMeta, entries: DatasetEntry[], undoStack: UndoStep[]) => void;
  /** the split grown over the changed labels (splitGrow.ts) */
  splitGrown: (datasetId: string, split: DatasetSplit) => void;
  labelsSaved: () => void;
  runRevisionSet: (revision: number) => void;
  reviewStarted: (total: number) => void;
  reviewReceived: (predictions: Record<string, ReviewPrediction>, classNames: string[]) => void;
  reviewFinished: (error: string | null) => void;
  reviewSkippedPath: (path: string) => void;
  reviewMeasureSet: (m: UncertaintyMeasure) => void;
  reviewCleared: () => void;
}

export const createLabelSlice: StateCreator<Store, [], [], LabelSlice> = (set) => ({
  undoStack: undoStorage.load(),
  labelSaving: false,
  runRevision: null,
  reviewState: 'idle',
  reviewPredictions: {},
  reviewClassNames: [],
  reviewSkipped: [],
  reviewMeasure: 'margin',
  reviewProgress: { done: 0, total: 0 },
  reviewError: null,
  labelsChanged: (meta, entries, undoStack) => set({ meta, entries, undoStack: undoStack.slice(-UNDO_DEPTH), labelSaving: true }),
  splitGrown: (id, split) => set((s) => (s.meta?.id === id ? { meta: { ...s.meta, split } } : {})),
  labelsSaved: () => set({ labelSaving: false }),
  runRevisionSet: (runRevision) => set({ runRevision }),
  reviewStarted: (total) => set({ reviewState: 'running', reviewPredictions: {}, reviewSkipped: [], reviewProgress: { done: 0, total }, reviewError: null }),
  reviewReceived: (predictions, reviewClassNames) =>
    set((s) => {
      const reviewPredictions = { ...s.reviewPredictions, ...predictions };
      return { reviewPredictions, reviewClassNames, reviewProgress: { ...s.reviewProgress, done: s.reviewProgress.done + Object.keys(predictions).length } };
    }),
  reviewFinished: (reviewError) => set({ reviewState: reviewError ? 'idle' : 'ready', reviewError }),
  reviewSkippedPath: (path) => set((s) => ({ reviewSkipped: [...s.reviewSkipped.filter((p) => p !== path), path] })),
  reviewMeasureSet: (reviewMeasure) => set({ reviewMeasure }),
  reviewCleared: () => set({ reviewState: 'idle', reviewPredictions: {}, reviewClassNames: [], reviewSkipped: [], reviewProgress: { done: 0, total: 0 }, reviewError: null }),
});
