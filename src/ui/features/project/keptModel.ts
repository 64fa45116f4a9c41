// Never lose a model: a run that ends in this tab leaves its model in the project by itself (with its
// evaluation), and a reload brings the newest kept model back, evaluated, before anyone asks.
import { getModel, listModels, newModelId, putModel } from '../../../shared/storage/projectsDb';
import type { ModelRecord } from '../../../shared/storage/projectTypes';
import { getRun } from '../../../shared/storage/runsDb';
import { faultAt } from '../../../shared/faults';
import { originAccuracy, trainedHere } from '../../../shared/modelOrigin';
import { exportBundle } from '../../bridge';
import { exportMeta, importBundleFiles } from '../share/shareActions';
import { params } from '../../startup';
import { useStore, type Store } from '../../store';
import { evaluationOfRun } from '../model/modelSelectors';
import { formatRunDate } from '../train/runsSelectors';
import { fileSafe, markModelSaved, refreshProjectModels } from './projectActions';

const modelTrainedHere = (s: Store) => s.trainState === 'done' && !!s.model?.headTrained && trainedHere(s.model);

let keptFor: string | null = null;

/** Stores the model the run just trained, with the evaluation of its kept epoch, in the current project. */
export async function keepTrainedModel(): Promise<void> {
  const s = useStore.getState();
  const origin = s.model?.origin;
  if (!modelTrainedHere(s) || !s.model || origin?.kind !== 'trained') return;
  // the run the worker says made these weights (not the run the Train step shows)
  const runId = origin.runId;
  const key = `${runId}@${origin.keptEpoch}`;
  if (keptFor === key) return;
  keptFor = key;
  const now = Date.now();
  const evaluation = evaluationOfRun(s.evaluation, runId);
  const accuracy = evaluation ? evaluation.items.filter((it) => it.probs.indexOf(Math.max(...it.probs)) === it.label).length / Math.max(1, evaluation.items.length) : null;
  const name = `Run ${formatRunDate(now)}${accuracy === null ? '' : ` · ${(accuracy * 100).toFixed(1)} %`}`;
  s.keptModelChanged({ state: 'saving', name, runId, message: null });
  try {
    // test builds: `?fault=keep-model` makes storage refuse the automatic copy (as a full disk would)
    if (faultAt(params.faults, 'keep-model') !== null) throw new Error('Storage refused the copy (injected by ?fault=keep-model).');
    const meta = exportMeta(name);
    const { bytes } = await exportBundle(meta);
    const blob = new Blob([bytes], { type: 'application/zip' });
    const model = s.model;
    // Saved by name meanwhile ("Save in project"): that copy already keeps this run's model.
    if ((await listModels(s.projectId)).some((m) => m.kept && !m.kept.auto && m.kept.runId === runId)) {
      markModelSaved();
      useStore.getState().keptModelChanged({ state: 'saved', name, runId, message: null });
      return;
    }
    await putModel({
      id: newModelId(now), project: s.projectId, name, createdAt: now, bytes: blob, size: blob.size, classNames: model.classNames,
      inputSize: model.inputSize, validAccuracy: originAccuracy(origin),
      kept: { runId, evaluation, auto: true },
    });
    markModelSaved();
    useStore.getState().keptModelChanged({ state: 'saved', name, runId, message: null });
  } catch (e) {
    keptFor = null;
    useStore.getState().keptModelChanged({ state: 'error', name, runId, message: e instanceof Error ? e.message : String(e) });
  }
  await refreshProjectModels();
}

/** Loads a kept model (as Classify's model) and puts back its evaluation and its run's history. */
export async function restoreKeptModel(m: ModelRecord): Promise<void> {
  const record = m.bytes ? m : await getModel(m.id);
  if (!record) return;
  await importBundleFiles([new File([record.bytes], `${fileSafe(record.name)}.zip`, { type: 'application/zip' })]);
  const s = useStore.getState();
  if (s.model?.origin.kind !== 'bundle') return; // the import failed and said why on Share
  // Evaluate shows this model's evaluation, or none: never the previous model's numbers beside this model.
  if (record.kept?.evaluation) s.evaluationReceived(record.kept.evaluation);
  else s.evaluationCleared();
  const runId = record.kept?.runId;
  const run = runId ? (s.runs.find((r) => r.id === runId) ?? await getRun(runId).catch(() => undefined)) : undefined;
  if (run) useStore.getState().runViewed(run);
  s.keptModelChanged({ state: 'restored', name: record.name, runId: record.kept?.runId ?? null, message: null });
}

/** The kept model of a run, if the project has one. */
export function keptModelOfRun(runId: string): ModelRecord | undefined {
  return useStore.getState().projectModels.find((m) => m.kept?.runId === runId);
}

/** At start-up: once the worker has its backbone, the project's newest model comes back if a run kept it. */
async function restoreNewest(): Promise<void> {
  const s = useStore.getState();
  if (params.model || s.loadedBundle || s.trainState !== 'idle' || s.model?.headTrained) return;
  const models = (await listModels(s.projectId)).sort((a, b) => b.createdAt - a.createdAt);
  if (models[0]?.kept) await restoreKeptModel(models[0]);
}

let started = false;
/** Wires the keeping and the restoring; called once from start-up. */
export function startKeepingModels(): void {
  if (started) return;
  started = true;
  // After a run here: once the run is done and its evaluation is in (or failed), keep the model. Either may
  // come last (the worker evaluates right after the last epoch), so both transitions are watched.
  let runStartedAt = 0;
  useStore.subscribe((s, prev) => {
    if (s.trainState === 'running' && prev.trainState !== 'running' && prev.trainState !== 'paused') runStartedAt = Date.now();
    // The evaluation must be of this run (an older one may still be on screen while the new one is computed).
    const fresh = (s.evaluation !== null && s.evaluation.createdAt >= runStartedAt) || s.evalState === 'error';
    if (!fresh) return;
    const evaluated = s.evaluation !== prev.evaluation && s.evaluation !== null;
    const evalFailed = s.evalState === 'error' && prev.evalState !== 'error';
    const finished = s.trainState === 'done' && prev.trainState !== 'done' && s.evalState !== 'running';
    const modelIn = s.model !== prev.model && s.evalState !== 'running';
    if ((evaluated || evalFailed || finished || modelIn) && modelTrainedHere(s)) void keepTrainedModel();
  });
  let restored = false;
  const tryRestore = (s: Store) => {
    if (restored || !s.ready || s.modelState !== 'ready') return;
    restored = true;
    void restoreNewest().catch((e: unknown) => useStore.getState().keptModelChanged({ state: 'error', name: '', runId: null, message: e instanceof Error ? e.message : String(e) }));
  };
  useStore.subscribe(tryRestore);
  tryRestore(useStore.getState());
}

/** Leaving the page would lose something: an import or a run going on, or a trained model kept nowhere. */
export function unsavedWork(s: Store): string | null {
  if (s.importState === 'importing') return 'An import is running.';
  if (s.trainState === 'running' || s.trainState === 'paused') return 'A training run is going on.';
  if (modelTrainedHere(s) && s.keptModel?.state !== 'saved') return 'The model trained here is not stored yet.';
  return null;
}
