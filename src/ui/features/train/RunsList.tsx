import { useMemo, useState } from 'react';
import type { RunRecord } from '../../../shared/storage/runsDb';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useStore } from '../../store';
import { originRunId } from '../../../shared/modelOrigin';
import { compareRows, runRow } from './runsSelectors';
import { removeRun } from './runsActions';
import { keptModelOfRun, restoreKeptModel } from '../project/keptModel';

const STATUS_TEXT: Record<RunRecord['status'], string> = {
  running: 'running', paused: 'paused', done: 'done', stopped: 'stopped early', error: 'failed',
};

/**
 * Every stored run of the dataset: view one's epochs and curve (the view only: the model in use, Evaluate and
 * what Share exports stay as they are), use a run's kept model, compare a few side by side, delete.
 */
export function RunsList({ dataset }: { dataset: string }) {
  const runs = useStore((s) => s.runs);
  const viewed = useStore((s) => s.viewedRun?.id ?? null);
  const current = useStore((s) => s.currentRunId);
  const inUse = useStore((s) => originRunId(s.model?.origin));
  const compareIds = useStore((s) => s.compareRunIds);
  const state = useStore((s) => s.trainState);
  const view = useStore((s) => s.runViewed);
  const toggle = useStore((s) => s.compareToggled);
  const models = useStore((s) => s.projectModels);
  const keptIds = useMemo(() => new Set(models.map((m) => m.kept?.runId).filter((id): id is string => !!id)), [models]);
  const [deleting, setDeleting] = useState<RunRecord | null>(null);
  const rows = useMemo(() => runs.map(runRow), [runs]);
  const compared = useMemo(() => compareIds.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r), [compareIds, runs]);
  const table = useMemo(() => compareRows(compared), [compared]);
  const active = state === 'running' || state === 'paused';
  if (!runs.length) return null;
  return (
    <section aria-labelledby="runs-heading" className="runs">
      <div className="row">
        <h3 id="runs-heading">Runs of this dataset</h3>
        {viewed && (
          <button type="button" data-testid="train.run-unview" onClick={() => view(null)}>
            {current ? 'Back to this session’s run' : 'Close the viewed run'}
          </button>
        )}
      </div>
      <table className="table" aria-label="Training runs" data-testid="train.runs">
        <thead>
          <tr><th>compare</th><th>started</th><th>model</th><th>sizes run</th><th>epochs</th><th>kept epoch</th><th>accuracy</th><th>status</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const run = runs[i];
            const busy = active && r.id === current;
            return (
              <tr key={r.id} data-testid="train.run-row" data-run={r.id} data-status={r.status} data-epochs={r.epochsDone}
                data-best-loss={r.bestLossValue} data-best-accuracy={r.bestAccuracyValue}
                data-backbone={r.backbone} data-mode={r.mode} data-sizes={r.sizes} data-kept-epoch={r.keptEpoch} data-kept-model={String(keptIds.has(r.id))} data-kept-accuracy={r.keptAccuracyValue} aria-current={viewed === r.id ? 'true' : undefined}
                className={viewed === r.id ? 'viewed' : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Compare the run of ${r.date}`} checked={compareIds.includes(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td>
                  {r.date}{r.id === current && <span className="tag">this session</span>}
                  {r.id === inUse && <span className="tag" data-testid="train.run-in-use" title="Classify, Evaluate and Share use this run's model">model in use</span>}
                </td>
                <td>{r.model}<div className="muted">{r.recipe}</div></td>
                <td>{r.sizes}</td>
                <td>{r.epochs}</td>
                <td>{r.keptEpoch ? <>{r.keptEpoch}<span className="muted" title={r.keptWhy}> ({r.keptLast ? 'last' : 'lowest valid_loss'}, valid_loss {r.keptLoss})</span></> : '—'}</td>
                <td>{r.keptAccuracy}</td>
                <td title={run.message ?? undefined}>{STATUS_TEXT[r.status]}</td>
                <td className="row">
                  <button type="button" data-testid="train.run-view" disabled={active} onClick={() => view(viewed === r.id ? null : run)}
                    aria-pressed={viewed === r.id}>View</button>
                  {keptIds.has(r.id) && r.id !== inUse && (
                    // A run whose model was kept comes back whole: model, evaluation and history.
                    <button type="button" data-testid="train.run-load" disabled={active} title="Load this run's kept model for Classify, Evaluate and Share"
                      onClick={() => {
                        const kept = keptModelOfRun(run.id);
                        if (kept) void restoreKeptModel(kept);
                      }}>Use its model</button>
                  )}
                  <button type="button" className="danger" data-testid="train.run-delete" disabled={busy} onClick={() => setDeleting(run)}>Delete</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {compared.length >= 2 && (
        <table className="table compare" aria-label="Runs compared" data-testid="train.compare">
          <thead>
            <tr><th scope="col">run</th>{compared.map((r, i) => <th scope="col" key={r.id}>#{i + 1}</th>)}</tr>
          </thead>
          <tbody>
            {table.map((row) => (
              <tr key={row.label}><th scope="row">{row.label}</th>{row.values.map((v, i) => <td key={compared[i].id}>{v}</td>)}</tr>
            ))}
          </tbody>
        </table>
      )}
      {compared.length === 1 && <p className="hint">Tick a second run to compare.</p>}
      <ConfirmDialog open={deleting !== null} title="Delete this run?" confirmLabel="Delete run" testId="train.delete-dialog"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const id = deleting!.id;
          setDeleting(null);
          if (viewed === id) view(null);
          void removeRun(dataset, id);
        }}>
        <p>Its history{deleting?.checkpointEpoch != null ? ' and its checkpoint' : ''} are deleted. The model in use stays as it is.</p>
      </ConfirmDialog>
    </section>
  );
}
