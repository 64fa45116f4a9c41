import { trainedHere } from '../shared/modelOrigin';
import { parseAppParams } from '../shared/params';
import type { BackendName } from '../shared/protocol';
import { backboneSourceFromParam, benchPredict, benchTrain, exportBundle, startWorker } from './bridge';
import { currentBundleSource, exportMeta, loadSiteBundles, openBundleUrl, reloadBundle } from './features/share/shareActions';
import { hasStalled, STALLED_LINK } from './features/share/stalledLinks';
import { registerServiceWorker } from './pwa/serviceWorker';
import type { BundleSource } from '../shared/protocol';
import { useStore } from './store';

const OVERRIDE_KEY = 'sem.backendOverride';
export const params = parseAppParams(window.location.search);

/** ?backend= wins over the saved setting; both over the automatic choice. */
export function initialBackend(): BackendName | null {
  if (params.backend) return params.backend;
  const saved = localStorage.getItem(OVERRIDE_KEY);
  return saved === 'webgpu' || saved === 'webgl' || saved === 'wasm' || saved === 'cpu' ? saved : null;
}

export function boot(): void {
  // The benchmark driver (bench/run.mjs) reaches the worker through this hook; it exists only with ?bench.
  if (new URLSearchParams(window.location.search).has('bench')) {
    (window as unknown as { semBench: unknown }).semBench = { benchPredict, benchTrain };
  }
  startWorker(initialBackend(), backboneSourceFromParam(params.backbone, params.pretrained));
  // ?model=<bundle URL>: a shared trained model opens straight in Classify (queued after the backbone).
  if (params.model) {
    useStore.getState().setStep('classify');
    // A link that stalled the worker before (the bridge's watchdog) is not opened again by itself.
    if (hasStalled(params.model)) useStore.getState().bundleJobFailed(STALLED_LINK);
    else void openBundleUrl(params.model, false);
  }
  void loadSiteBundles();
  registerServiceWorker();
}

/** The classifier trained in this tab, as a bundle in memory, so a worker restart can load it again. */
async function sessionModelBundle(): Promise<BundleSource | null> {
  const s = useStore.getState();
  const idle = s.trainState !== 'running' && s.trainState !== 'paused' && s.bundleJob === 'idle';
  if (!s.ready || !idle || !s.model?.headTrained || !trainedHere(s.model)) return null;
  try {
    const { bytes } = await exportBundle(exportMeta('trained in this tab'));
    return { kind: 'files', files: [new File([bytes], 'trained-in-this-tab.zip', { type: 'application/zip' })] };
  } catch {
    return null; // the old worker could not export it: the new one starts from the backbone, as before
  }
}

/**
 * Settings: switching backend restarts the worker, which reloads the backbone on the new backend, then the
 * classifier in use: the bundle it came from, or the model trained in this tab (exported from the old
 * worker first, so it is not lost).
 */
export async function restartWithBackend(backend: BackendName | null): Promise<void> {
  if (backend) localStorage.setItem(OVERRIDE_KEY, backend);
  else localStorage.removeItem(OVERRIDE_KEY);
  const bundle = currentBundleSource() ?? (await sessionModelBundle());
  startWorker(backend);
  if (bundle) reloadBundle(bundle);
}
