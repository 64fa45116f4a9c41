import { useStore } from '../../store';
import { faultParam } from './faultParam';
import { shownInStore } from '../../bridge';
import { startRun } from './startRun';

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
        onClick={() => void startRun(projectId, recipe, faultParam).catch(shownInStore)}>
        Re-run with the same recipe
      </button>
    </p>
  );
}
