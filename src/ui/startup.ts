import { parseAppParams } from '../shared/params';
import type { BackendName } from '../shared/protocol';
import { backboneSourceFromParam, benchPredict, benchTrain, startWorker } from './bridge';
import { currentBundleSource, loadSiteBundles, openBundleUrl, reloadBundle } from './features/share/shareActions';
import { registerServiceWorker } from './pwa/serviceWorker';
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
    void openBundleUrl(params.model, false);
  }
  void loadSiteBundles();
  registerServiceWorker();
}

/** Settings: switching backend restarts the worker, which reloads the model on the new backend. */
export function restartWithBackend(backend: BackendName | null): void {
  if (backend) localStorage.setItem(OVERRIDE_KEY, backend);
  else localStorage.removeItem(OVERRIDE_KEY);
  const bundle = currentBundleSource();
  startWorker(backend);
  if (bundle) reloadBundle(bundle);
}
