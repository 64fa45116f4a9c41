import type { StateCreator } from 'zustand';
import type { InstrumentInfo } from '../../../shared/dataset/instrument';
import type { HeldOutSummary } from '../../../shared/eval/heldOut';
import type { Novelty, PredictResult } from '../../../shared/predict';
import type { Prediction } from '../../../shared/protocol';
import type { Store } from '../../store';

export interface PredictionRow {
  id: number;
  /** path relative to the drop (`folder/sub/img.tif`), or the file name */
  file: string;
  /** the file itself, kept for Grad-CAM */
  source: File;
  /** object URL of the file, or of a worker-made thumbnail for TIFF; revoked when the rows are cleared */
  thumbUrl: string | null;
  state: 'pending' | 'done' | 'error';
  top: Prediction[];
  /** softmax output in `classNames` order */
  probs: number[] | null;
  classNames: readonly string[] | null;
  error: string | null;
  dataBarCropped: boolean;
  /** the options the row was classified with */
  tta: boolean;
  cropDataBar: boolean;
  /** pixel size, magnification, kV, detector from the file's TIFF tags or sidecar, once classified */
  instrument?: InstrumentInfo | null;
  /** the unfamiliar-image check, once classified; null when the model has no reference */
  novelty?: Novelty | null;
}

export interface PredictRun {
  state: 'idle' | 'running' | 'done' | 'cancelled';
  done: number;
  total: number;
  imagesPerSecond: number;
  etaSeconds: number | null;
  /** files skipped before classification (not images by name, hidden files) */
  skipped: number;
  /** a problem with the input as a whole (unreadable drop), shown above the table */
  message: string | null;
  /** what the worker did to go on (out of memory, lost GPU device), in order */
  notices: string[];
}

/** A labelled folder checked against the open dataset: near-copies and the classical baseline (heldOutRun.ts). */
export interface HeldOut {
  state: 'idle' | 'running' | 'done' | 'error' | 'unavailable';
  summary: HeldOutSummary | null;
  /** why it is unavailable or failed, or why the baseline is missing */
  message: string | null;
  /** the dataset compared with: its name, stored images and training images of the model's classes */
  dataset: { name: string; images: number; trainImages: number } | null;
  /** classified images the decode workers could not read again (left out of the near-copy test) */
  unchecked: number;
}

export const idleHeldOut: HeldOut = { state: 'idle', summary: null, message: null, dataset: null, unchecked: 0 };

export interface ClassifySlice {
  predictions: PredictionRow[];
  predictRun: PredictRun;
  /** below this top-1 probability a prediction is flagged uncertain */
  uncertainBelow: number;
  tta: boolean;
  /** null: follow the dataset's crop setting */
  cropDataBarChoice: boolean | null;
  predictionsQueued: (rows: PredictionRow[], skipped: number) => void;
  predictionsReceived: (results: PredictResult[], classNames: string[], thumbUrls: Map<number, string>) => void;
  predictionsFailed: (ids: readonly number[], message: string) => void;
  predictRunChanged: (patch: Partial<PredictRun>) => void;
  predictNoticed: (message: string) => void;
  setUncertainBelow: (value: number) => void;
  setTta: (on: boolean) => void;
  setCropDataBarChoice: (on: boolean) => void;
  clearPredictions: () => void;
  heldOut: HeldOut;
  heldOutChanged: (h: HeldOut) => void;
}

const idleRun: PredictRun = { state: 'idle', done: 0, total: 0, imagesPerSecond: 0, etaSeconds: null, skipped: 0, message: null, notices: [] };

export const createClassifySlice: StateCreator<Store, [], [], ClassifySlice> = (set, get) => ({
  predictions: [],
  predictRun: idleRun,
  uncertainBelow: 0.5,
  tta: false,
  cropDataBarChoice: null,
  heldOut: idleHeldOut,
  heldOutChanged: (heldOut) => set({ heldOut }),
  predictionsQueued: (rows, skipped) =>
    set((s) => {
      const fresh = s.predictRun.state !== 'running';
      const base = fresh ? idleRun : s.predictRun;
      return {
        predictions: [...s.predictions, ...rows],
        heldOut: fresh ? idleHeldOut : s.heldOut,
        predictRun: { ...base, state: rows.length ? 'running' : base.state, total: base.total + rows.length, skipped: base.skipped + skipped },
      };
    }),
  predictionsReceived: (results, classNames, thumbUrls) =>
    set((s) => {
      const byId = new Map(results.map((r) => [r.id, r]));
      return {
        predictions: s.predictions.map((row) => {
          const r = byId.get(row.id);
          if (!r) return row;
          return {
            ...row,
            state: r.error ? 'error' : 'done',
            top: r.top,
            probs: r.probs,
            classNames,
            error: r.error,
            dataBarCropped: r.dataBarCropped,
            instrument: r.instrument ?? null,
            novelty: r.novelty ?? null,
            thumbUrl: thumbUrls.get(row.id) ?? row.thumbUrl,
          };
        }),
      };
    }),
  predictionsFailed: (ids, message) =>
    set((s) => {
      const failed = new Set(ids);
      return { predictions: s.predictions.map((r) => (failed.has(r.id) && r.state === 'pending' ? { ...r, state: 'error', error: message } : r)) };
    }),
  predictRunChanged: (patch) => set((s) => ({ predictRun: { ...s.predictRun, ...patch } })),
  predictNoticed: (message) => set((s) => ({ predictRun: { ...s.predictRun, notices: [...s.predictRun.notices, message] } })),
  setUncertainBelow: (value) => set({ uncertainBelow: Math.min(1, Math.max(0, value)) }),
  setTta: (tta) => set({ tta }),
  setCropDataBarChoice: (on) => set({ cropDataBarChoice: on }),
  clearPredictions: () => {
    for (const r of get().predictions) if (r.thumbUrl) URL.revokeObjectURL(r.thumbUrl);
    set({ predictions: [], predictRun: idleRun, heldOut: idleHeldOut });
  },
});
