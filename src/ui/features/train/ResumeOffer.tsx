import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { resumeTraining, shownInStore } from '../../bridge';
import { useStore } from '../../store';
import { formatRunDate, recipeSummary, resumableRun } from './runsSelectors';
import { faultParam } from './faultParam';
import { removeRun } from './runsActions';

interface Props {
  dataset: string;
  /** why training cannot start now (worker or model not ready), or null */
  blocker: string | null;
}

/** An interrupted run (page closed or reloaded mid-training) can go on from its last checkpoint, or be discarded. */
export function ResumeOffer({ dataset, blocker }: Props) {
  const runs = useStore((s) => s.runs);
  const currentRunId = useStore((s) => s.currentRunId);
  const state = useStore((s) => s.trainState);
  const run = useMemo(() => resumableRun(runs, currentRunId, state), [runs, currentRunId, state]);
  const [confirming, setConfirming] = useState(false);
  if (!run || run.checkpointEpoch === null) return null;
  const next = run.checkpointEpoch + 1;
  const total = run.plan.perEpoch.length;
  return (
    <div className="resume-offer" role="region" aria-label="Interrupted run" data-testid="train.resume-offer" data-run={run.id} data-epoch={next}>
      <p>
        A run started {formatRunDate(run.createdAt)} ({recipeSummary(run.recipe)}) {run.status === 'error' ? 'failed' : 'was interrupted'} after
        epoch {run.checkpointEpoch} of {total - 1}; its checkpoint holds the weights and optimizer state of that epoch.
        {run.status === 'error' && run.message && <span className="muted"> ({run.message})</span>}
      </p>
      <div className="row">
        <button type="button" className="primary" data-testid="train.resume-run" disabled={blocker !== null} title={blocker ?? undefined}
          onClick={() => void resumeTraining(dataset, run.id, faultParam).catch(shownInStore)}>
          Resume from epoch {next}
        </button>
        <button type="button" data-testid="train.discard-run" onClick={() => setConfirming(true)}>Discard</button>
      </div>
      <ConfirmDialog open={confirming} title="Discard the interrupted run?" confirmLabel="Discard run" testId="train.discard-dialog"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void removeRun(dataset, run.id);
        }}>
        <p>Its {run.epochs.length} finished epochs and its checkpoint are deleted. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
