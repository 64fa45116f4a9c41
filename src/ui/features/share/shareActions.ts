// What the Share step does: export the loaded classifier, import a bundle (files or URL), list the bundles
// the site offers. Callable outside React; state goes to the share slice.
import { computeMetrics } from '../../../shared/eval/metrics';
import { bundleName, originRunId } from '../../../shared/modelOrigin';
import { parseModelsManifest, type BundleEntry } from '../../../shared/models/manifest';
import type { BundleExportMeta, BundleSource } from '../../../shared/protocol';
import { downloadBlob } from '../../download';
import { exportBundle, importBundle } from '../../bridge';
import { useStore } from '../../store';

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/**
 * What the UI adds to an exported bundle: its name, and the Evaluate step's per-class numbers when they are
 * of this model (same run). How the model was trained, its metrics and preprocessing come from the worker's
 * model origin (bundle/training.ts), never from what the Train step shows (a viewed old run, say).
 */
export function exportMeta(name: string): BundleExportMeta {
  const s = useStore.getState();
  const runId = originRunId(s.model?.origin);
  const evaluation = s.evaluation && runId !== null && s.evaluation.runId === runId ? s.evaluation : null;
  const perClass = evaluation
    ? computeMetrics(evaluation.items, evaluation.classNames).perClass.map((c) => ({ class: c.name, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support }))
    : undefined;
  return { name, appVersion: APP_VERSION, ...(perClass ? { perClass } : {}) };
}

export async function exportModel(name: string, float16 = false): Promise<void> {
  const s = useStore.getState();
  s.bundleJobStarted('exporting');
  try {
    const { bytes, fileName, float16: check } = await exportBundle({ ...exportMeta(name), float16 });
    const size = bytes.byteLength;
    downloadBlob(new Blob([bytes], { type: 'application/zip' }), fileName);
    useStore.getState().bundleExported(fileName, size, check);
  } catch (e) {
    useStore.getState().bundleJobFailed(e instanceof Error ? e.message : String(e));
  }
}

// Where the loaded bundle came from, so a worker restart (backend switch) can load it again.
let lastSource: BundleSource | null = null;

async function load(source: BundleSource): Promise<boolean> {
  useStore.getState().bundleJobStarted('importing');
  try {
    useStore.getState().bundleLoaded(await importBundle(source));
    lastSource = source;
    return true;
  } catch (e) {
    useStore.getState().bundleJobFailed(e instanceof Error ? e.message : String(e));
    return false;
  }
}

export async function importBundleFiles(files: File[]): Promise<void> {
  if (files.length) await load({ kind: 'files', files });
}

/** The source of the bundle Classify uses now, or null when the model is not a bundle (e.g. trained since). */
export function currentBundleSource(): BundleSource | null {
  const s = useStore.getState();
  return s.loadedBundle && bundleName(s.model) === s.loadedBundle.name ? lastSource : null;
}

/** After the worker restarted on another backend: the same bundle again, on the new backend. */
export function reloadBundle(source: BundleSource): void {
  void load(source);
}

/** Loads a bundle from a URL; `remember` puts it in the address bar (?model=), so a reload or bookmark keeps it. */
export async function openBundleUrl(url: string, remember: boolean): Promise<boolean> {
  const ok = await load({ kind: 'url', url });
  if (ok && remember) {
    const q = new URLSearchParams(window.location.search);
    q.set('model', url);
    history.replaceState(null, '', `?${q.toString()}${window.location.hash}`);
  }
  return ok;
}

/** The bundles this site's models/manifest.json lists (none when it has no manifest). */
export async function loadSiteBundles(): Promise<void> {
  const manifestUrl = new URL('models/manifest.json', document.baseURI).href;
  try {
    const res = await fetch(manifestUrl);
    if (!res.ok) return;
    const bundles = parseModelsManifest(await res.json()).models.filter((m): m is BundleEntry => m.kind === 'bundle');
    useStore.getState().siteBundlesFound(bundles.map((b) => ({ ...b, url: new URL(b.path, manifestUrl).href })));
  } catch (e) {
    // A broken manifest is the deployer's to fix; the app works without it.
    console.warn(`models/manifest.json: ${e instanceof Error ? e.message : String(e)}`);
  }
}
