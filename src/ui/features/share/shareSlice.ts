import type { StateCreator } from 'zustand';
import type { BundleEntry } from '../../../shared/models/manifest';
import type { BundleSummary, Float16Check } from '../../../shared/protocol';
import type { Store } from '../../store';

export interface BundleProgress {
  stage: string;
  done: number;
  total: number;
  /** performance.now() when the job started and at this update, for the ETA */
  startedAt: number;
  at: number;
}

/** A bundle listed in the site's models/manifest.json, with its absolute URL. */
export interface SiteBundle extends BundleEntry {
  url: string;
}

export interface ShareSlice {
  bundleJob: 'idle' | 'exporting' | 'importing';
  bundleProgress: BundleProgress | null;
  bundleError: string | null;
  /** the bundle Classify uses, while it is the loaded model */
  loadedBundle: BundleSummary | null;
  siteBundles: SiteBundle[];
  lastExport: { fileName: string; bytes: number; float16?: Float16Check | null } | null;
  bundleJobStarted: (job: 'exporting' | 'importing') => void;
  bundleProgressed: (p: { stage: string; done: number; total: number }) => void;
  bundleExported: (fileName: string, bytes: number, float16?: Float16Check | null) => void;
  bundleLoaded: (b: BundleSummary) => void;
  bundleJobFailed: (message: string) => void;
  siteBundlesFound: (list: SiteBundle[]) => void;
}

export const createShareSlice: StateCreator<Store, [], [], ShareSlice> = (set) => ({
  bundleJob: 'idle',
  bundleProgress: null,
  bundleError: null,
  loadedBundle: null,
  siteBundles: [],
  lastExport: null,
  bundleJobStarted: (bundleJob) => set({ bundleJob, bundleError: null, bundleProgress: { stage: 'starting', done: 0, total: 0, startedAt: performance.now(), at: performance.now() } }),
  bundleProgressed: (p) => {
    const at = performance.now();
    set((s) => ({ bundleProgress: { stage: p.stage, done: p.done, total: p.total, startedAt: s.bundleProgress?.startedAt ?? at, at } }));
  },
  bundleExported: (fileName, bytes, float16) => set({ bundleJob: 'idle', bundleProgress: null, lastExport: { fileName, bytes, float16 } }),
  bundleLoaded: (loadedBundle) => set({ bundleJob: 'idle', bundleProgress: null, loadedBundle }),
  bundleJobFailed: (bundleError) => set({ bundleJob: 'idle', bundleProgress: null, bundleError }),
  siteBundlesFound: (siteBundles) => set({ siteBundles }),
});
