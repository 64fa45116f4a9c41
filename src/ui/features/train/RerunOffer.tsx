import { startTraining } from '../../bridge';
import { labelWritesDone } from '../../dataset/labelActions';
import { useStore } from '../../store';
import { faultParam } from './faultParam';

/**
 * Starts a run once every label change made so far is stored (the worker reads the split from storage),
 * marking the dataset revision it starts from, so Evaluate and Train can tell when it changed since.
 */
export async function startRun(...args: Parameters<typeof startTraining>): Promise<void> {
  await labelWritesDone();
  useStore.getState().runRevisionSet(useStore.getState().meta?.revision ?? 0);
  return startTraining(...args);
}

/** After a clean-up or new labels: the last run again, on the changed dataset, with the same recipe. */
export function RerunOffer({ blocker }: { blocker: string | null }) {
  const runRevision = useStore((s) => s.runRevision);
  const revision = useStore((s) => s.meta?.revision ?? 0);
  const recipe = useStore((s) => s.runRecipe);
  const state = useStore((s) => s.trainState);
  const projectId = useStore((s) => s.projectId);
  if (runRevision === null || revision === runRevision || !recipe || state === 'running' || state === 'paused') return null;
  const n = Math.abs(revision - runRevision);
  return (
    <p className="notice" role="status" data-testid="train.rerun-offer">
      <span>The dataset changed since the last run ({n} labelling change{n === 1 ? '' : 's'}).</span>
      <button type="button" className="primary" data-testid="train.rerun" disabled={blocker !== null} title={blocker ?? undefined}
        onClick={() => void startRun(projectId, recipe, faultParam)}>
        Re-run with the same recipe
      </button>
    </p>
  );
}
