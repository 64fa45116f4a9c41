// Projects in the dataset database: the records, the models saved in them, what each one stores, and
// deleting one with everything under it. A project's dataset and runs are keyed by the project's id.

import { deleteRun, getCheckpoint, listRuns } from './runsDb';
import { DEFAULT_DATASET, openDatasetDb } from './datasetDb';
import { newId } from './ids';
import type { ModelRecord, ProjectRecord } from './projectTypes';

export type { ModelRecord, ProjectRecord } from './projectTypes';

export const DEFAULT_PROJECT_NAME = 'My project';

export function newProjectId(now = Date.now()): string {
  return newId('p', now);
}

export function newModelId(now = Date.now()): string {
  return newId('m', now);
}

export async function listProjects(): Promise<ProjectRecord[]> {
  const all = await (await openDatasetDb()).getAll('projects');
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function getProject(id: string): Promise<ProjectRecord | undefined> {
  return (await openDatasetDb()).get('projects', id);
}

export async function putProject(p: ProjectRecord): Promise<void> {
  await (await openDatasetDb()).put('projects', p);
}

/**
 * Makes sure every stored dataset has a project (a dataset from before projects existed becomes
 * "My project") and that there is at least one. Returns the projects, oldest first.
 */
export async function ensureProjects(now = Date.now()): Promise<ProjectRecord[]> {
  const db = await openDatasetDb();
  const tx = db.transaction(['projects', 'datasets'], 'readwrite');
  const projects = tx.objectStore('projects');
  const known = new Set(await projects.getAllKeys());
  for (const meta of await tx.objectStore('datasets').getAll()) {
    if (!known.has(meta.id)) {
      known.add(meta.id);
      void projects.put({ id: meta.id, name: meta.id === DEFAULT_DATASET ? DEFAULT_PROJECT_NAME : meta.name, createdAt: meta.createdAt, updatedAt: meta.createdAt });
    }
  }
  if (known.size === 0) void projects.put({ id: DEFAULT_DATASET, name: DEFAULT_PROJECT_NAME, createdAt: now, updatedAt: now });
  await tx.done;
  return listProjects();
}

/** Bumps a project's `updatedAt` (the list sorts and shows it). Missing projects are left alone. */
export async function touchProject(id: string, now = Date.now()): Promise<void> {
  const db = await openDatasetDb();
  const tx = db.transaction('projects', 'readwrite');
  const p = await tx.store.get(id);
  if (p) void tx.store.put({ ...p, updatedAt: now });
  await tx.done;
}

export async function listModels(project: string): Promise<ModelRecord[]> {
  const all = await (await openDatasetDb()).getAllFromIndex('models', 'project', project);
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getModel(id: string): Promise<ModelRecord | undefined> {
  return (await openDatasetDb()).get('models', id);
}

export async function putModel(m: ModelRecord): Promise<void> {
  await (await openDatasetDb()).put('models', m);
}

export async function deleteModel(id: string): Promise<void> {
  await (await openDatasetDb()).delete('models', id);
}

export interface ProjectUsage {
  images: number;
  classes: number;
  runs: number;
  models: number;
  /** bytes of everything under the project: images (shared ones too), checkpoints, models */
  bytes: number;
  /** bytes that deleting the project gives back (images other projects also use stay) */
  freed: number;
}

/** What each project stores, in one pass over the entries and one over the images. */
export async function measureProjects(ids: readonly string[]): Promise<Map<string, ProjectUsage>> {
  const db = await openDatasetDb();
  const owners = new Map<string, Set<string>>();
  const entryCount = new Map<string, number>();
  const labels = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (let c = await db.transaction('entries').store.openCursor(); c; c = await c.continue()) {
    const { dataset, hash, label } = c.value;
    let o = owners.get(hash);
    if (!o) owners.set(hash, (o = new Set()));
    o.add(dataset);
    entryCount.set(dataset, (entryCount.get(dataset) ?? 0) + 1);
    if (label !== null) labels.get(dataset)?.add(label);
  }
  const sizes = new Map<string, number>();
  for (let c = await db.transaction('images').store.openCursor(); c; c = await c.continue()) {
    sizes.set(String(c.key), c.value.bytes.size + c.value.thumb.size);
  }
  const out = new Map<string, ProjectUsage>();
  for (const id of ids) {
    let bytes = 0;
    let freed = 0;
    for (const [hash, o] of owners) {
      if (!o.has(id)) continue;
      const size = sizes.get(hash) ?? 0;
      bytes += size;
      if (o.size === 1) freed += size;
    }
    const runs = await listRuns(id);
    for (const r of runs) {
      const cp = r.checkpointEpoch === null ? undefined : await getCheckpoint(r.id);
      bytes += cp?.bytes ?? 0;
      freed += cp?.bytes ?? 0;
    }
    const models = await listModels(id);
    const modelBytes = models.reduce((a, m) => a + m.size, 0);
    out.set(id, {
      images: entryCount.get(id) ?? 0, classes: labels.get(id)!.size, runs: runs.length, models: models.length,
      bytes: bytes + modelBytes, freed: freed + modelBytes,
    });
  }
  return out;
}

/**
 * Deletes a project and everything under it: its runs and checkpoints, then, in one transaction, its
 * models, entries, dataset record, project record and the images no other project uses.
 */
export async function deleteProjectData(id: string): Promise<void> {
  for (const r of await listRuns(id)) await deleteRun(r.id);
  const db = await openDatasetDb();
  const tx = db.transaction(['images', 'entries', 'datasets', 'projects', 'models'], 'readwrite');
  const mine = new Set<string>();
  const others = new Set<string>();
  for (let c = await tx.objectStore('entries').openCursor(); c; c = await c.continue()) {
    if (c.value.dataset === id) {
      mine.add(c.value.hash);
      void c.delete();
    } else others.add(c.value.hash);
  }
  for (const h of mine) if (!others.has(h)) void tx.objectStore('images').delete(h);
  for (const key of await tx.objectStore('models').index('project').getAllKeys(id)) void tx.objectStore('models').delete(key);
  void tx.objectStore('datasets').delete(id);
  void tx.objectStore('projects').delete(id);
  await tx.done;
}
