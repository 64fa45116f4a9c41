import { deleteRun, isResumable, listRuns, putRun } from '../../../shared/storage/runsDb';
import { datasetLockName } from '../../datasetLock';
import { useStore } from '../../store';

// The UI's side of the runs database: the worker writes runs while it trains; the UI lists and deletes.

let pending: Promise<void> | null = null;
let again = false;

/** Reloads the runs of a dataset into the store; calls that arrive meanwhile coalesce into one more. */
export function refreshRuns(dataset: string): Promise<void> {
  if (pending) {
    again = true;
    return pending;
  }
  pending = (async () => {
    try {
      do {
        again = false;
        useStore.getState().runsLoaded(await listRuns(dataset));
      } while (again);
    } catch (e) {
      useStore.getState().trainNoticed('error', `The stored runs could not be read: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      pending = null;
    }
  })();
  return pending;
}

export async function removeRun(dataset: string, id: string): Promise<void> {
  try {
    await deleteRun(id);
  } catch (e) {
    useStore.getState().trainNoticed('error', `The run could not be deleted: ${e instanceof Error ? e.message : String(e)}`);
  }
  await refreshRuns(dataset);
}

/** Whether a tab (this one or another) holds or waits for the dataset's lock, i.e. imports or trains on it. */
async function datasetInUse(dataset: string): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks?.query) return false;
  const name = datasetLockName(dataset);
  const state = await locks.query();
  return [...(state.held ?? []), ...(state.pending ?? [])].some((l) => l.name === name);
}

/**
 * Runs left "running" or "paused" with nothing to resume from (a run of either mode before its first
 * checkpoint, whose page was closed) become failed runs that say why; only when no tab trains on the dataset.
 * The lock is looked at, not taken, so an import or a run started at this moment is never refused.
 */
export async function settleInterruptedRuns(dataset: string): Promise<void> {
  try {
    if (await datasetInUse(dataset)) return;
    let changed = 0;
    for (const run of await listRuns(dataset)) {
      if ((run.status === 'running' || run.status === 'paused') && !isResumable(run)) {
        await putRun({ ...run, status: 'error', message: 'Interrupted (page closed or reloaded) before any checkpoint was stored: nothing to resume.' });
        changed += 1;
      }
    }
    if (changed) await refreshRuns(dataset);
  } catch {
    // informational: the list shows the runs as they are
  }
}
