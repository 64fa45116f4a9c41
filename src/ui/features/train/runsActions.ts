import { deleteRun, listRuns } from '../../../shared/storage/runsDb';
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
