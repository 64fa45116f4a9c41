import type { StateCreator } from 'zustand';
import type { BackendInfo, BackendName, MemoryInfo } from '../../shared/protocol';
import type { Store } from './index';

export type Step = 'data' | 'train' | 'evaluate' | 'classify' | 'share';
export const STEPS: { id: Step; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'train', label: 'Train' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'classify', label: 'Classify' },
  { id: 'share', label: 'Share' },
];

export interface AppSlice {
  step: Step;
  ready: boolean;
  backend: BackendInfo | null;
  /** The user's backend choice (settings or ?backend=); null means automatic. */
  backendOverride: BackendName | null;
  memory: MemoryInfo | null;
  /** A failure the worker could not recover from (no backend, worker crashed). */
  fatalError: string | null;
  setStep: (step: Step) => void;
  workerStarting: (override: BackendName | null) => void;
  backendReady: (info: BackendInfo) => void;
  workerReady: () => void;
  memoryChanged: (m: MemoryInfo) => void;
  workerFailed: (message: string) => void;
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  step: 'data',
  ready: false,
  backend: null,
  backendOverride: null,
  memory: null,
  fatalError: null,
  setStep: (step) => set({ step }),
  workerStarting: (backendOverride) => set({ ready: false, backend: null, backendOverride, fatalError: null }),
  backendReady: (backend) => set({ backend }),
  workerReady: () => set({ ready: true }),
  memoryChanged: (memory) => set({ memory }),
  workerFailed: (fatalError) => set({ fatalError }),
});
