import { startTraining } from '../../bridge';
import { labelWritesDone } from '../data/labelActions';
import { useStore } from '../../store';

/**
 * Starts a run once every label change made so far is stored (the worker reads the split from storage),
 * marking the dataset revision it starts from, so Evaluate and Train can tell when it changed since.
 */
export async function startRun(...args: Parameters<typeof startTraining>): ReturnType<typeof startTraining> {
  await labelWritesDone();
  useStore.getState().runRevisionSet(useStore.getState().meta?.revision ?? 0);
  return startTraining(...args);
}
