import type { StateCreator } from 'zustand';
import type { RgbaImage } from '../../../shared/protocol';
import type { LrSuggestion } from '../../../shared/train/lrSuggest';
import type { ProbeResult } from '../../../shared/train/trainMode';
import type { Store } from '../../store';

// The Train step's helpers around a run: fast mode's feature progress, the per-mode time probe, the LR
// finder and the augmentation preview.

export type ToolState = 'idle' | 'running' | 'done' | 'error';

export interface FeatureProgress {
  done: number;
  total: number;
  etaSeconds: number | null;
}

export interface ProbeProgress {
  what: string;
  done: number;
  total: number;
  startedAt: number;
}

export interface LrPoint {
  lr: number;
  loss: number;
}

export interface TrainToolsSlice {
  featureProgress: FeatureProgress | null;
  probe: ProbeResult | null;
  /** what the probe was measured for (backend, model, sizes, batch): a different key needs a new probe */
  probeKey: string;
  probeState: ToolState;
  probeError: string | null;
  /** what the running probe is timing, how far it is (timed calls) and since when (ms since epoch) */
  probeProgress: ProbeProgress | null;
  lrState: ToolState | 'cancelled';
  lrPoints: LrPoint[];
  lrSuggestion: LrSuggestion | null;
  lrError: string | null;
  augState: ToolState;
  augName: string;
  augImages: RgbaImage[];
  augError: string | null;
  featuresProgressed: (p: FeatureProgress | null) => void;
  probeStarted: (key: string) => void;
  probeFinished: (key: string, probe: ProbeResult) => void;
  probeFailed: (key: string, message: string) => void;
  probeProgressed: (key: string, what: string, done: number, total: number) => void;
  /** cancelled (a run started, or a newer probe): nothing measured, measured again when next needed */
  probeCancelled: (key: string) => void;
  lrFindStarted: () => void;
  lrFindStepped: (p: LrPoint) => void;
  lrFindFinished: (lrs: number[], losses: number[], suggestion: LrSuggestion | null, cancelled: boolean) => void;
  lrFindFailed: (message: string, cancelled: boolean) => void;
  augPreviewStarted: () => void;
  augPreviewFinished: (name: string, images: RgbaImage[]) => void;
  augPreviewFailed: (message: string) => void;
}

export const createTrainToolsSlice: StateCreator<Store, [], [], TrainToolsSlice> = (set) => ({
  featureProgress: null,
  probe: null,
  probeKey: '',
  probeState: 'idle',
  probeError: null,
  probeProgress: null,
  lrState: 'idle',
  lrPoints: [],
  lrSuggestion: null,
  lrError: null,
  augState: 'idle',
  augName: '',
  augImages: [],
  augError: null,
  featuresProgressed: (featureProgress) => set({ featureProgress }),
  probeStarted: (probeKey) => set({ probeKey, probeState: 'running', probeError: null, probeProgress: { what: '', done: 0, total: 0, startedAt: Date.now() } }),
  // a late answer for an older key is dropped
  probeFinished: (key, probe) => set((s) => (s.probeKey === key ? { probe, probeState: 'done', probeProgress: null } : {})),
  probeFailed: (key, probeError) => set((s) => (s.probeKey === key ? { probeState: 'error', probeError, probe: null, probeProgress: null } : {})),
  probeProgressed: (key, what, done, total) => set((s) => (s.probeKey === key && s.probeProgress
    ? { probeProgress: { ...s.probeProgress, what, done, total } } : {})),
  probeCancelled: (key) => set((s) => (s.probeKey === key ? { probeKey: '', probeState: 'idle', probeProgress: null } : {})),
  lrFindStarted: () => set({ lrState: 'running', lrPoints: [], lrSuggestion: null, lrError: null }),
  lrFindStepped: (p) => set((s) => ({ lrPoints: [...s.lrPoints, p] })),
  lrFindFinished: (lrs, losses, lrSuggestion, cancelled) =>
    set({ lrState: cancelled ? 'cancelled' : 'done', lrPoints: lrs.map((lr, i) => ({ lr, loss: losses[i] })), lrSuggestion }),
  lrFindFailed: (lrError, cancelled) => set({ lrState: cancelled ? 'cancelled' : 'error', lrError: cancelled ? null : lrError }),
  augPreviewStarted: () => set({ augState: 'running', augError: null }),
  augPreviewFinished: (augName, augImages) => set({ augState: 'done', augName, augImages }),
  augPreviewFailed: (augError) => set({ augState: 'error', augError }),
});
