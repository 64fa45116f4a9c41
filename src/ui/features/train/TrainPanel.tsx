import { ErrorBoundary } from '../../components/ErrorBoundary';
import { useMemo, useState } from 'react';
import { DEFAULT_DATASET } from '../../../shared/storage/datasetDb';
import { planEpochs, RECIPE_DEFAULTS, type EpochPlan, type TrainRecipe } from '../../../shared/train/recipe';
import { startTraining } from '../../bridge';
import { params } from '../../startup';
import { useStore } from '../../store';
import { classRows } from '../../store/datasetSelectors';
import { trainBlocker } from '../../store/trainSelectors';
import { EpochTable } from './EpochTable';
import { LossChart } from './LossChart';
import { RecipeForm } from './RecipeForm';
import { TrainControls } from './TrainControls';
import { TrainProgressBar } from './TrainProgressBar';

function initialRecipe(): TrainRecipe {
  return {
    ...RECIPE_DEFAULTS,
    schedule: params.schedule ?? RECIPE_DEFAULTS.schedule,
    batchSize: params.batch ?? RECIPE_DEFAULTS.batchSize,
    seed: params.seed ?? RECIPE_DEFAULTS.seed,
  };
}

/** The recipe checked against the dataset: the epoch plan, or what is wrong with the recipe. */
function checkRecipe(r: TrainRecipe, trainImages: number): { plan: EpochPlan | null; problem: string | null } {
  if (!(r.batchSize >= 1 && Number.isInteger(r.batchSize))) return { plan: null, problem: 'bs must be a whole number ≥ 1.' };
  if (!(r.baseLr > 0)) return { plan: null, problem: 'base_lr must be positive.' };
  if (!(r.labelSmoothing >= 0 && r.labelSmoothing < 1)) return { plan: null, problem: 'label_smoothing must be in [0, 1).' };
  try {
    return { plan: planEpochs(r, trainImages), problem: null };
  } catch (e) {
    return { plan: null, problem: e instanceof Error ? e.message : String(e) };
  }
}

/** Train step: fastai's fine_tune on the imported dataset, run in the compute worker. */
export function TrainPanel() {
  const [recipe, setRecipe] = useState(initialRecipe);
  const entries = useStore((s) => s.entries);
  const meta = useStore((s) => s.meta);
  const ready = useStore((s) => s.ready);
  const modelReady = useStore((s) => s.modelState === 'ready');
  const state = useStore((s) => s.trainState);
  const rows = useMemo(() => classRows(entries, meta).filter((r) => !r.excluded && r.count > 0), [entries, meta]);
  const trainImages = rows.reduce((n, r) => n + r.train, 0);
  const { plan, problem } = useMemo(() => checkRecipe(recipe, trainImages), [recipe, trainImages]);
  const running = state === 'running' || state === 'paused';
  const blocker = trainBlocker({ ready, modelReady, classes: rows.length, trainImages, state }) ?? problem;

  return (
    <section className="panel" aria-labelledby="train-heading">
      <h2 id="train-heading">2 · Train</h2>
      <p className="hint">
        fastai&apos;s <code>fine_tune</code>: the head alone for <code>freeze_epochs</code>, then the whole network with
        discriminative learning rates, each phase on a one-cycle schedule, growing the image size stage by stage.
        Each run starts from the loaded backbone&apos;s weights.
      </p>
      <RecipeForm recipe={recipe} disabled={running} onChange={setRecipe} />
      {plan && !running && (
        <p className="muted">
          Plan: {plan.perEpoch.length} epochs ({plan.freezeEpochs} frozen, {plan.epochs} unfrozen) at{' '}
          {plan.stages.map((s) => `${s.size} px × ${s.epochs}`).join(', ')}.{plan.warnings.length > 0 && ` ${plan.warnings.join(' ')}`}
        </p>
      )}
      <TrainControls blocker={blocker} onStart={() => startTraining(DEFAULT_DATASET, recipe)} />
      <TrainProgressBar />
      <EpochTable />
      <ErrorBoundary what="the loss chart" compact>
        <LossChart />
      </ErrorBoundary>
    </section>
  );
}
