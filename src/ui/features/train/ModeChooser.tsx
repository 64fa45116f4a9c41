import { useMemo } from 'react';
import { useSecondsSince } from '../../components/useSecondsSince';
import type { EpochPlan, TrainRecipe } from '../../../shared/train/recipe';
import { estimateModes, FAST_VIEWS, type TrainMode } from '../../../shared/train/trainMode';
import { useStore } from '../../store';
import { formatDuration } from '../data/datasetSelectors';
import { useModeProbe } from './useModeProbe';

interface Props {
  recipe: TrainRecipe;
  plan: EpochPlan | null;
  trainImages: number;
  validImages: number;
  disabled: boolean;
  onChange: (r: TrainRecipe) => void;
}

const MODE_TEXT: Record<TrainMode, { title: string; hint: string }> = {
  full: { title: 'full fine_tune', hint: 'the whole network trains (needs convolution gradients: WebGL, WebGPU or cpu)' },
  fast: {
    title: 'fast (no GPU)',
    hint: 'backbone features computed once per image and augmented view, cached, then only the head trains; stays on wasm',
  },
};

/** Full fine_tune or the no-GPU fast mode, with the time each would take on this device. */
export function ModeChooser({ recipe, plan, trainImages, validImages, disabled, onChange }: Props) {
  useModeProbe(plan, recipe.batchSize, trainImages > 0, recipe.mode === 'full');
  const probe = useStore((s) => s.probe);
  const probeState = useStore((s) => s.probeState);
  const probeError = useStore((s) => s.probeError);
  const estimate = useMemo(
    () => (probe && plan ? estimateModes({ plan: plan.perEpoch, trainImages, validImages, views: recipe.views, probe, batchSize: recipe.batchSize }) : null),
    [probe, plan, trainImages, validImages, recipe.views, recipe.batchSize],
  );
  const set = (mode: TrainMode) => onChange({ ...recipe, mode });
  return (
    <fieldset className="recipe" disabled={disabled} data-testid="train.mode" data-mode={recipe.mode}>
      <legend>Mode</legend>
      <div className="row wrap">
        {(['fast', 'full'] as const).map((m) => (
          <label key={m} title={MODE_TEXT[m].hint}>
            <input type="radio" name="train-mode" value={m} data-testid={`train.mode-${m}`} checked={recipe.mode === m} onChange={() => set(m)} />{' '}
            {MODE_TEXT[m].title}
            {estimate && <span className="muted"> ≈ {formatDuration(m === 'fast' ? estimate.fastSeconds : estimate.fullSeconds)}</span>}
          </label>
        ))}
        {recipe.mode === 'fast' && (
          <label title="augmented views per training image whose features are cached (view 0 is the image itself)">
            <code>views</code>{' '}
            <input
              type="number" min={FAST_VIEWS.min} max={FAST_VIEWS.max} step={1} data-testid="train.views" value={Number.isNaN(recipe.views) ? '' : recipe.views}
              onChange={(e) => onChange({ ...recipe, views: e.target.value === '' ? NaN : Number(e.target.value) })}
            />
          </label>
        )}
      </div>
      <p
        className="hint"
        data-testid="train.estimate"
        data-state={estimate ? 'done' : probeState}
        data-fast={estimate ? estimate.fastSeconds.toFixed(1) : ''}
        data-full={estimate ? estimate.fullSeconds.toFixed(1) : ''}
      >
        {estimate && `On this device: fast ≈ ${formatDuration(estimate.fastSeconds)}, full ≈ ${formatDuration(estimate.fullSeconds)} (${estimate.note}; plus loading the backbone).`}
        {!estimate && probeState === 'running' && <ProbeRunning />}
        {!estimate && probeState === 'error' && <span className="error">Could not time the modes: {probeError}</span>}
        {recipe.mode === 'fast' && ' Fast mode trains the head only, at the schedule’s last size; freeze_epochs does not apply.'}
      </p>
    </fieldset>
  );
}

/**
 * The probe while it runs: what it times, how far it is and for how long. On a software GPU a ResNet50 probe
 * takes minutes (the first call at a size compiles its shaders); Train does not wait for it.
 */
function ProbeRunning() {
  const progress = useStore((s) => s.probeProgress);
  const seconds = useSecondsSince(progress?.startedAt ?? null);
  return (
    <span className="probe-running" data-testid="train.estimate-progress" data-done={progress?.done ?? 0} data-total={progress?.total ?? 0}>
      <progress value={progress?.done ?? 0} max={progress?.total || 1} aria-label="Timing the modes" />{' '}
      Timing both modes on this device{progress?.what ? `: ${progress.what}` : ''}
      {progress && progress.total > 0 && ` (${progress.done} of ${progress.total} timings done)`}, {seconds} s so far. Train can start now: the run does not wait for this.
    </span>
  );
}
