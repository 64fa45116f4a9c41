import { BASELINE_DESCRIPTION, BASELINE_LABEL, compareWithBaseline } from '../../../shared/eval/baseline';
import type { Metrics } from '../../../shared/eval/metrics';
import { useStore } from '../../store';
import { fmt4, pct } from './format';

/** The classical baseline beside the network, and a prominent line when the network does not beat it. */
export function BaselineSummary({ metrics }: { metrics: Metrics }) {
  const state = useStore((s) => s.baselineState);
  const baseline = useStore((s) => s.baseline);
  const error = useStore((s) => s.baselineError);
  if (state === 'running' || state === 'idle') {
    return <p className="hint" data-testid="metrics.baseline-status" data-state={state}>Training the {BASELINE_LABEL} on the same split…</p>;
  }
  if (state === 'error' || !baseline) {
    return <p className="notice warning" data-testid="metrics.baseline-status" data-state="error">The classical baseline could not be computed: {error ?? 'unknown error'}.</p>;
  }
  const verdict = compareWithBaseline({ accuracy: metrics.accuracy, f1: metrics.macro.f1, n: metrics.n }, baseline);
  return (
    <div data-testid="metrics.baseline" data-accuracy={fmt4(baseline.accuracy)} data-f1={fmt4(baseline.f1)} data-method={baseline.method} data-verdict={verdict}>
      {verdict !== 'better' && (
        <p className="notice warning baseline-verdict" role="alert" data-testid="metrics.baseline-verdict">
          <b>
            {verdict === 'worse' ? 'This model is worse than the classical baseline' : 'This model does not beat the classical baseline'}
            {` (accuracy ${pct(metrics.accuracy)} vs ${pct(baseline.accuracy)}, macro F1 ${pct(metrics.macro.f1)} vs ${pct(baseline.f1)}).`}
          </b>{' '}
          A texture statistic does as well: train longer (fine_tune with more epochs), start from pretrained weights, or add images before trusting it.
        </p>
      )}
      <p className="hint">
        Baseline: {BASELINE_DESCRIPTION}, fitted on the same {baseline.trainImages} training images and scored on the
        same {baseline.validImages} validation images in {baseline.seconds.toFixed(1)} s.
      </p>
    </div>
  );
}

/** The baseline's row in the summary table (empty until it is computed). */
export function BaselineRow() {
  const baseline = useStore((s) => s.baseline);
  if (!baseline) return null;
  return (
    <tr className="baseline-row" data-testid="metrics.summary-row" data-model="baseline">
      <td><b>{BASELINE_LABEL}</b></td>
      <td>{pct(baseline.accuracy)}</td>
      <td>–</td>
      <td>–</td>
      <td>–</td>
      <td>{pct(baseline.f1)}</td>
      <td>–</td>
    </tr>
  );
}
