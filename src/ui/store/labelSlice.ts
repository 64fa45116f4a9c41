import type { StateCreator } from 'zustand';
import type { UndoRecord } from '../../shared/dataset/labels';
import type { UncertaintyMeasure } from '../../shared/review/uncertainty';
import type { Store } from './index';

/** Undo keeps at least this many changes (the issue asks for 50). */
export const UNDO_DEPTH = 100;

export interface UndoStep extends UndoRecord {
  /** the dataset (project) it was made in: another project's steps are not undone here */
  dataset: string;
  /** labels made in the review queue: the round they counted in, and how many */
  review: { round: number; added: number } | null;
}

// The undo stack lives in sessionStorage too: a reload of the tab keeps it (another tab has its own).
const UNDO_KEY = 'sem.labelUndo';
const UNDO_MAX_CHARS = 3_000_000;

function loadUndo(): UndoStep[] {
  try {
    const raw = globalThis.sessionStorage?.getItem(UNDO_KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? (v as UndoStep[]).filter((x) => x && Array.isArray(x.before) && Array.isArray(x.deleted)) : [];
  } catch {
    return [];
  }
}

/** Writes the stack, dropping the oldest steps when it would not fit. */
export function saveUndo(stack: readonly UndoStep[]): void {
  const store = globalThis.sessionStorage;
  if (!store) return;
  for (let from = 0; from <= stack.length; from++) {
    const text = JSON.stringify(stack.slice(from));
    if (text.length > UNDO_MAX_CHARS && from < stack.length) continue;
    try {
      store.setItem(UNDO_KEY, text);
      return;
    } catch {
      // over the quota: try with fewer steps
    }
  }
}

export type ReviewState = 'idle' | 'running' | 'ready';

export interface ReviewPrediction {
  probs: number[];
}

export interface LabelSlice {
  undoStack: UndoStep[];
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
  undoPushed: (step: UndoStep) => void;
  undoPopped: () => UndoStep | null;
  runRevisionSet: (revision: number) => void;
  reviewStarted: (total: number) => void;
  reviewReceived: (predictions: Record<string, ReviewPrediction>, classNames: string[]) => void;
  reviewFinished: (error: string | null) => void;
  reviewSkippedPath: (path: string) => void;
  reviewMeasureSet: (m: UncertaintyMeasure) => void;
  reviewCleared: () => void;
}

export const createLabelSlice: StateCreator<Store, [], [], LabelSlice> = (set, get) => ({
  undoStack: loadUndo(),
  runRevision: null,
  reviewState: 'idle',
  reviewPredictions: {},
  reviewClassNames: [],
  reviewSkipped: [],
  reviewMeasure: 'margin',
  reviewProgress: { done: 0, total: 0 },
  reviewError: null,
  undoPushed: (step) => set((s) => ({ undoStack: [...s.undoStack.slice(-(UNDO_DEPTH - 1)), step] })),
  undoPopped: () => {
    const stack = get().undoStack;
    if (stack.length === 0) return null;
    set({ undoStack: stack.slice(0, -1) });
    return stack[stack.length - 1];
  },
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
