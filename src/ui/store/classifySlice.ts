import type { StateCreator } from 'zustand';
import type { Prediction } from '../../shared/protocol';
import type { Store } from './index';

export interface PredictionRow {
  id: number;
  file: string;
  thumbUrl: string | null;
  state: 'pending' | 'done' | 'error';
  top: Prediction[];
  ms: number;
  error: string | null;
}

export interface ClassifySlice {
  predictions: PredictionRow[];
  predictionQueued: (row: Pick<PredictionRow, 'id' | 'file' | 'thumbUrl'>) => void;
  predictionDone: (id: number, top: Prediction[], ms: number) => void;
  predictionFailed: (id: number, message: string) => void;
  clearPredictions: () => void;
}

function update(rows: PredictionRow[], id: number, patch: Partial<PredictionRow>): PredictionRow[] {
  return rows.map((r) => (r.id === id ? { ...r, ...patch } : r));
}

export const createClassifySlice: StateCreator<Store, [], [], ClassifySlice> = (set, get) => ({
  predictions: [],
  predictionQueued: (row) =>
    set((s) => ({ predictions: [...s.predictions, { ...row, state: 'pending', top: [], ms: 0, error: null }] })),
  predictionDone: (id, top, ms) => set((s) => ({ predictions: update(s.predictions, id, { state: 'done', top, ms }) })),
  predictionFailed: (id, error) => set((s) => ({ predictions: update(s.predictions, id, { state: 'error', error }) })),
  clearPredictions: () => {
    for (const r of get().predictions) if (r.thumbUrl) URL.revokeObjectURL(r.thumbUrl);
    set({ predictions: [] });
  },
});
