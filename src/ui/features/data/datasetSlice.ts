import type { StateCreator } from 'zustand';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import type { Store } from '../../store';

export type ImportState = 'idle' | 'importing' | 'done' | 'error';

export interface ImportProgress {
  done: number;
  total: number;
  /** Images per second over the last few seconds. */
  rate: number;
  /** Seconds left, null while unknown. */
  eta: number | null;
}

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

export interface DatasetSlice {
  importState: ImportState;
  progress: ImportProgress;
  /** Files found while walking dropped folders, before the import proper starts. */
  scanning: number | null;
  entries: DatasetEntry[];
  meta: DatasetMeta | null;
  /** Split warnings from the last draw (near-duplicates across labels, single-image classes…). */
  splitNotes: string[];
  datasetError: string | null;
  storage: StorageInfo | null;
  scanProgress: (found: number | null) => void;
  importStarted: (total: number) => void;
  importProgressed: (p: ImportProgress) => void;
  datasetLoaded: (meta: DatasetMeta, entries: DatasetEntry[], notes: string[]) => void;
  datasetFailed: (message: string) => void;
  datasetCleared: () => void;
  storageMeasured: (s: StorageInfo) => void;
}

const noProgress: ImportProgress = { done: 0, total: 0, rate: 0, eta: null };

export const createDatasetSlice: StateCreator<Store, [], [], DatasetSlice> = (set) => ({
  importState: 'idle',
  progress: noProgress,
  scanning: null,
  entries: [],
  meta: null,
  splitNotes: [],
  datasetError: null,
  storage: null,
  scanProgress: (scanning) => set({ scanning }),
  // The previous dataset is deleted when an import starts, so the view empties too.
  importStarted: (total) => set({ importState: 'importing', scanning: null, progress: { ...noProgress, total }, datasetError: null, entries: [], meta: null, splitNotes: [] }),
  importProgressed: (progress) => set({ progress }),
  datasetLoaded: (meta, entries, splitNotes) =>
    set((s) => ({ meta, entries, splitNotes, importState: 'done', progress: s.importState === 'importing' ? s.progress : { ...noProgress, done: entries.length, total: entries.length } })),
  datasetFailed: (datasetError) => set({ importState: 'error', datasetError, scanning: null }),
  datasetCleared: () => set({ importState: 'idle', entries: [], meta: null, splitNotes: [], progress: noProgress, datasetError: null }),
  storageMeasured: (storage) => set({ storage }),
});
