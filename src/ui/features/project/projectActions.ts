// What the Projects dialog and the Share step's saved models do: list, create, open, rename, delete, export
// and import projects; save the loaded classifier in the project, load, download or delete a saved one.
// Actions never reject: failures land in the project slice as a sentence.

import { count } from '../data/phrasing';
import { PROJECT_EXTENSION } from '../../../shared/project/names';
import type { ProjectSink } from '../../../shared/project/projectFile';
import { getImage, isQuotaError, loadEntries, loadMeta, saveBatch, saveMeta } from '../../../shared/storage/datasetDb';
import {
  deleteModel, deleteProjectData, ensureProjects, getModel, getProject, listModels, listProjects, measureProjects, newModelId, newProjectId,
  putModel, putProject, touchProject, type ProjectRecord,
} from '../../../shared/storage/projectsDb';
import { getCheckpoint, listRuns, newRunId, putRun, saveCheckpoint, type CheckpointRecord } from '../../../shared/storage/runsDb';
import { exportBundle } from '../../bridge';
import { refreshStorage } from '../data/datasetActions';
import { labelWritesDone } from '../data/labelActions';
import { DATASET_BUSY, tryLockDataset } from '../../datasetLock';
import { downloadBlob } from '../../download';
import { APP_VERSION, exportMeta, importBundleFiles } from '../share/shareActions';
import { originAccuracy, trainedHere } from '../../../shared/modelOrigin';
import { evaluationOfRun } from '../model/modelSelectors';
import { useStore } from '../../store';
import { rememberProject } from './currentProject';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** A file name from a project or model name: letters, digits and a few marks, the rest dashes. */
export function fileSafe(name: string): string {
  return name.trim().replace(/[^\p{L}\p{N}._ -]+/gu, '-').replace(/\s+/g, '-').slice(0, 80) || 'project';
}

/** Re-reads the project list, then measures what each stores (a pass over the images, so it comes second). */
export async function refreshProjects(measure = true): Promise<void> {
  try {
    const list = await listProjects();
    const before = new Map(useStore.getState().projects.map((p) => [p.id, p.usage]));
    useStore.getState().projectsLoaded(list.map((p) => ({ ...p, usage: before.get(p.id) ?? null })));
    if (!measure) return;
    void refreshStorage();
    const usage = await measureProjects(list.map((p) => p.id));
    useStore.getState().projectsLoaded(list.map((p) => ({ ...p, usage: usage.get(p.id) ?? null })));
  } catch (e) {
    useStore.getState().projectJobFailed(`The projects could not be read: ${message(e)}`);
  }
}

export async function refreshProjectModels(): Promise<void> {
  try {
    useStore.getState().projectModelsLoaded(await listModels(useStore.getState().projectId));
  } catch (e) {
    useStore.getState().projectJobFailed(`The saved models could not be read: ${message(e)}`);
  }
}

/**
 * At start-up, before the dataset is restored: every dataset gets a project, half-imported projects (a tab
 * closed during a project import) are removed, and the tab's project is one that exists.
 */
export async function initProjects(): Promise<void> {
  try {
    let list = await ensureProjects();
    const broken = list.filter((p) => p.importing);
    for (const p of broken) await deleteProjectData(p.id);
    if (broken.length) list = await ensureProjects();
    let id = useStore.getState().projectId;
    if (!list.some((p) => p.id === id)) id = [...list].sort((a, b) => b.updatedAt - a.updatedAt)[0].id;
    rememberProject(id);
    useStore.getState().projectsLoaded(list.map((p) => ({ ...p, usage: null })), id);
    if (broken.length) useStore.getState().projectJobEnded(`A project import was interrupted (page closed or reloaded); its partial copy was removed: ${broken.map((p) => p.name).join(', ')}.`);
  } catch (e) {
    useStore.getState().projectJobFailed(`The projects could not be read: ${message(e)}`);
  }
  void refreshProjectModels();
}

/** Why switching or deleting the current project would lose work right now, or null. */
export function busyReason(): string | null {
  const s = useStore.getState();
  if (s.importState === 'importing') return 'An import is running: wait for it or cancel it first.';
  if (s.trainState === 'running' || s.trainState === 'paused') return 'A training run is going on: stop it first (its checkpoints stay in this project).';
  if (s.projectJob) return 'A project export or import is running: wait for it first.';
  return null;
}

/** True when the model trained in this tab would be lost by switching (it is in no file and no project). */
export function unsavedModel(): boolean {
  const s = useStore.getState();
  return s.trainState === 'done' && !!s.model?.headTrained && trainedHere(s.model) && !savedThisModel;
}

// A model trained in this tab is saved once it is downloaded or saved in the project; a new run unsaves it.
let savedThisModel = false;
/** The model trained here is now stored somewhere (kept in the project automatically). */
export function markModelSaved(): void {
  savedThisModel = true;
}
useStore.subscribe((s, prev) => {
  if (s.trainState === 'running' && prev.trainState !== 'running') savedThisModel = false;
  if (s.lastExport && s.lastExport !== prev.lastExport) savedThisModel = true;
});

/** Opens another project: the page reloads on it. */
export function openProject(id: string): void {
  const why = busyReason();
  if (why) {
    useStore.getState().projectJobFailed(why);
    return;
  }
  rememberProject(id);
  window.location.reload();
}

export async function createProject(name: string): Promise<void> {
  const taken = useStore.getState().projects.map((p) => p.name);
  const now = Date.now();
  const clean = name.trim().slice(0, 200) || `Project ${taken.length + 1}`;
  const record: ProjectRecord = { id: newProjectId(now), name: clean, createdAt: now, updatedAt: now };
  try {
    await putProject(record);
  } catch (e) {
    useStore.getState().projectJobFailed(`The project could not be created: ${isQuotaError(e) ? 'storage is full' : message(e)}.`);
    return;
  }
  openProject(record.id);
}

export async function renameProject(id: string, name: string): Promise<void> {
  const clean = name.trim().slice(0, 200);
  if (!clean) return;
  try {
    const p = await getProject(id);
    if (!p) throw new Error('it no longer exists (deleted in another tab?)');
    await putProject({ ...p, name: clean, updatedAt: Date.now() });
    await refreshProjects(false);
  } catch (e) {
    useStore.getState().projectJobFailed(`The project could not be renamed: ${message(e)}`);
  }
}

/**
 * Deletes a project with its dataset, runs and models. Refused while an import or a training run (here or
 * in another tab) holds its dataset. Deleting the open project opens another one (or a fresh "My project").
 */
export async function removeProject(id: string): Promise<void> {
  const s = useStore.getState();
  const current = id === s.projectId;
  if (current && busyReason()) {
    s.projectJobFailed(busyReason()!);
    return;
  }
  const release = await tryLockDataset(id);
  if (!release) {
    s.projectJobFailed(DATASET_BUSY);
    return;
  }
  const name = s.projects.find((p) => p.id === id)?.name ?? id;
  s.projectJobStarted('delete', name);
  try {
    await deleteProjectData(id);
  } catch (e) {
    useStore.getState().projectJobFailed(`"${name}" could not be deleted: ${message(e)}`);
    return;
  } finally {
    release();
  }
  useStore.getState().projectJobEnded(`Deleted "${name}".`);
  if (current) {
    const left = await ensureProjects();
    openProject([...left].sort((a, b) => b.updatedAt - a.updatedAt)[0].id);
    return;
  }
  await refreshProjects();
}

/** Downloads the whole project as one file: dataset with images, runs with checkpoints, saved models. */
export async function exportProject(id: string): Promise<void> {
  const store = useStore.getState();
  const project = await getProject(id).catch(() => undefined);
  if (!project) {
    store.projectJobFailed('This project no longer exists (deleted in another tab?).');
    return;
  }
  if (id === store.projectId && store.importState === 'importing') {
    store.projectJobFailed('An import into this project is running: export it once the import has finished.');
    return;
  }
  store.projectJobStarted('export', project.name);
  try {
    // The file is read from storage: it must hold the label changes made so far.
    if (id === store.projectId) await labelWritesDone();
    const runs = await listRuns(id);
    const checkpoints = (await Promise.all(runs.map((r) => (r.checkpointEpoch === null ? undefined : getCheckpoint(r.id))))).filter(
      (c): c is CheckpointRecord => !!c,
    );
    // The zip library loads only when a project file is written or read.
    const { writeProjectFile } = await import('../../../shared/project/projectFile');
    const { blob, missing } = await writeProjectFile(
      {
        project, meta: (await loadMeta(id)) ?? null, entries: await loadEntries(id), runs, checkpoints, models: await listModels(id),
        image: getImage, appVersion: APP_VERSION,
      },
      (p) => useStore.getState().projectJobProgressed(p.done, p.total),
    );
    const fileName = `${fileSafe(project.name)}${PROJECT_EXTENSION}`;
    downloadBlob(blob, fileName);
    const note = missing.length ? ` ${count(missing.length, 'image')} ${missing.length === 1 ? 'was' : 'were'} missing from storage and ${missing.length === 1 ? 'is' : 'are'} listed as issues in the file.` : '';
    useStore.getState().projectJobEnded(`Saved ${fileName} (${mb(blob.size)}) to your downloads.${note}`);
  } catch (e) {
    useStore.getState().projectJobFailed(`The project could not be exported: ${message(e)}`);
  }
}

/** IndexedDB as the project file reader's sink. */
function storageSink(takenNames: string[]): ProjectSink {
  const projectId = newProjectId();
  return {
    takenNames,
    newProjectId: () => projectId,
    newRunId: () => newRunId(),
    newModelId: () => newModelId(),
    putProject,
    putImages: async (batch, entries) => {
      const images = new Map(batch.map((b) => [b.hash, b.image]));
      // saveBatch writes an image with its first entry, in one transaction with all the entries.
      await saveBatch(projectId, entries.map((entry) => {
        const image = images.get(entry.hash) ?? null;
        images.delete(entry.hash);
        return { entry, image };
      }));
    },
    putDataset: saveMeta,
    putRun: async (run, checkpoint) => {
      if (checkpoint) await saveCheckpoint(run, checkpoint);
      else await putRun(run);
    },
    putModel,
    abort: deleteProjectData,
  };
}

/** Imports a project file as a new project (never over an existing one); all or nothing. */
export async function importProjectFile(file: File): Promise<void> {
  const store = useStore.getState();
  // Said before anything is written: the stored project takes about the file's size.
  const est = await navigator.storage?.estimate?.().catch(() => undefined);
  if (est?.quota && est.quota - (est.usage ?? 0) < file.size) {
    store.projectJobFailed(
      `"${file.name}" needs about ${mb(file.size)} and this browser lets the app store only ${mb(est.quota - (est.usage ?? 0))} more. ` +
        'Free space by deleting projects, runs or saved models, or free disk space, then import again.',
    );
    return;
  }
  store.projectJobStarted('import', file.name);
  try {
    const { readProjectFile } = await import('../../../shared/project/projectFile');
    const taken = (await listProjects()).map((p) => p.name);
    const r = await readProjectFile(file, storageSink(taken), (p) => useStore.getState().projectJobProgressed(p.done, p.total));
    useStore.getState().projectJobEnded(
      `Imported "${r.project.name}": ${count(r.images, 'image')}, ${count(r.runs, 'run')}, ${count(r.models, 'model')}. Open it from the list.`,
    );
  } catch (e) {
    const why = isQuotaError(e)
      ? `storage is full. The project needs about ${mb(file.size)}; nothing was kept. Free space by deleting projects, runs or saved models, then import again.`
      : message(e);
    useStore.getState().projectJobFailed(`"${file.name}" could not be imported: ${why}`);
  }
  await refreshProjects();
}

/** Keeps the loaded classifier in the current project (the same bundle a download gives). */
export async function saveModelToProject(name: string): Promise<void> {
  const s = useStore.getState();
  const model = s.model;
  if (!model?.headTrained) return;
  s.projectJobStarted('save-model', name);
  try {
    const { bytes } = await exportBundle(exportMeta(name));
    const blob = new Blob([bytes], { type: 'application/zip' });
    const now = Date.now();
    // A model this tab trained keeps its run (the worker's origin, not the run on screen) and evaluation, and
    // replaces the copy kept automatically.
    const origin = model.origin;
    const runId = origin.kind === 'trained' ? origin.runId : null;
    const auto = runId ? s.projectModels.filter((m) => m.kept?.auto && m.kept.runId === runId) : [];
    await putModel({
      id: newModelId(now), project: s.projectId, name: name.trim() || 'model', createdAt: now,
      bytes: blob, size: blob.size, classNames: model.classNames, inputSize: model.inputSize, validAccuracy: originAccuracy(origin),
      ...(runId ? { kept: { runId, evaluation: evaluationOfRun(s.evaluation, runId), auto: false } } : {}),
    });
    for (const m of auto) await deleteModel(m.id);
    await touchProject(s.projectId, now);
    savedThisModel = true;
    useStore.getState().projectJobEnded(`Saved "${name}" in this project (${mb(blob.size)}).`);
  } catch (e) {
    useStore.getState().projectJobFailed(`The model could not be saved: ${isQuotaError(e) ? 'storage is full. Delete runs, models or projects to free space.' : message(e)}`);
  }
  await refreshProjectModels();
}

export async function loadProjectModel(id: string): Promise<void> {
  const m = await getModel(id).catch(() => undefined);
  if (!m) {
    useStore.getState().projectJobFailed('This model is no longer stored (deleted in another tab?).');
    return refreshProjectModels();
  }
  await importBundleFiles([new File([m.bytes], `${fileSafe(m.name)}.zip`, { type: 'application/zip' })]);
}

export async function downloadProjectModel(id: string): Promise<void> {
  const m = await getModel(id).catch(() => undefined);
  if (m) downloadBlob(m.bytes, `${fileSafe(m.name)}.zip`);
}

export async function removeProjectModel(id: string): Promise<void> {
  try {
    await deleteModel(id);
  } catch (e) {
    useStore.getState().projectJobFailed(`The model could not be deleted: ${message(e)}`);
  }
  await refreshProjectModels();
}
