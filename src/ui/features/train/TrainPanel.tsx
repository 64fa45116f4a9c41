import { memo, useEffect, useMemo, useState } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { planEpochs, RECIPE_DEFAULTS, type EpochPlan, type TrainRecipe } from '../../../shared/train/recipe';
import { changedFields, effectiveRecipe, type DefaultedField } from '../../../shared/train/recipeDefaults';
import { NO_PRETRAINED_FAST_NOTE, NO_PRETRAINED_NOTE } from '../../../shared/train/scratch';
import { FAST_VIEWS } from '../../../shared/train/trainMode';
import { parseTrainParams } from '../../../shared/train/trainParams';
import { params } from '../../startup';
import { useStore } from '../../store';
import { useUsedSummary } from '../data/datasetView';
import { trainBlocker } from './trainSelectors';
import { AugPreview } from './AugPreview';
import { EpochTable as EpochTableAll } from './EpochTable';
import { FeatureProgressBar as FeatureProgressBarAll } from './FeatureProgressBar';
import { LrFinder } from './LrFinder';
import { ModeChooser } from './ModeChooser';
import { LossChart as LossChartAll } from './LossChart';
import { RecipeForm } from './RecipeForm';
import { PlainChoices } from './PlainChoices';
import { NextStep } from '../steps/NextStep';
import { KeptNote as KeptNoteAll } from './KeptNote';
import { TrainControls } from './TrainControls';
import { TrainProgressBar as TrainProgressBarAll } from './TrainProgressBar';
import { faultParam } from './faultParam';
import { ResumeOffer } from './ResumeOffer';
import { RerunOffer } from './RerunOffer';
import { shownInStore } from '../../bridge';
import { startRun } from './startRun';
import { RunsList as RunsListAll } from './RunsList';
import { refreshRuns } from './runsActions';
import { TrainNotices as TrainNoticesAll } from './TrainNotices';

// Parts that read the store themselves, drawn again only when what they read changes: the panel re-renders
// when the dataset's split counts do (a label, a moment later), and the charts need not follow it.
const EpochTable = memo(EpochTableAll);
const FeatureProgressBar = memo(FeatureProgressBarAll);
const LossChart = memo(LossChartAll);
const KeptNote = memo(KeptNoteAll);
const TrainProgressBar = memo(TrainProgressBarAll);
const RunsList = memo(RunsListAll);
const TrainNotices = memo(TrainNoticesAll);

const trainParams = parseTrainParams(window.location.search);

function initialRecipe(): TrainRecipe {
  return {
    ...RECIPE_DEFAULTS,
    schedule: params.schedule ?? RECIPE_DEFAULTS.schedule,
    batchSize: params.batch ?? RECIPE_DEFAULTS.batchSize,
    seed: params.seed ?? RECIPE_DEFAULTS.seed,
    mode: trainParams.mode ?? RECIPE_DEFAULTS.mode,
    augment: trainParams.aug ?? RECIPE_DEFAULTS.augment,
    views: trainParams.views ?? RECIPE_DEFAULTS.views,
  };
}

/** Fields the link set: the user's choice, not a default. */
function chosenByLink(): Set<DefaultedField> {
  const chosen = new Set<DefaultedField>();
  if (trainParams.mode) chosen.add('mode');
  if (params.schedule) chosen.add('schedule');
  if (params.batch) chosen.add('batchSize');
  return chosen;
}

/** The recipe checked against the dataset: the epoch plan, or what is wrong with the recipe. */
function checkRecipe(r: TrainRecipe, trainImages: number): { plan: EpochPlan | null; problem: string | null } {
  if (!(r.batchSize >= 1 && Number.isInteger(r.batchSize))) return { plan: null, problem: 'bs must be a whole number ≥ 1.' };
  if (!(r.baseLr > 0)) return { plan: null, problem: 'base_lr must be positive.' };
  if (!(r.labelSmoothing >= 0 && r.labelSmoothing < 1)) return { plan: null, problem: 'label_smoothing must be in [0, 1).' };
  if (r.mode === 'fast' && !(Number.isInteger(r.views) && r.views >= FAST_VIEWS.min && r.views <= FAST_VIEWS.max)) {
    return { plan: null, problem: `views must be a whole number from ${FAST_VIEWS.min} to ${FAST_VIEWS.max}.` };
  }
  try {
    return { plan: planEpochs(r, trainImages), problem: null };
  } catch (e) {
    return { plan: null, problem: e instanceof Error ? e.message : String(e) };
  }
}

/** Train step: fastai's fine_tune on the imported dataset, run in the compute worker. */
export function TrainPanel() {
  const [form, setRecipe] = useState(initialRecipe);
  // Mode, freeze_epochs, schedule, bs and base_lr follow the device and the weights (recipeDefaults.ts: fast
  // without a real GPU over pretrained weights; from scratch, full mode at 64 px) until the user or the link
  // picks them.
  const [chosen, setChosen] = useState(chosenByLink);
  const backend = useStore((s) => s.backend);
  const pretrained = useStore((s) => s.model?.pretrained ?? true);
  const recipe = useMemo(() => effectiveRecipe(form, chosen, { backend, pretrained }), [form, chosen, backend, pretrained]);
  const change = (r: TrainRecipe) => {
    const changed = changedFields(recipe, r);
    if (changed.length) setChosen((c) => new Set([...c, ...changed]));
    setRecipe(r);
  };
  const ready = useStore((s) => s.ready);
  const modelReady = useStore((s) => s.modelState === 'ready');
  const state = useStore((s) => s.trainState);
  const saving = useStore((s) => s.labelSaving);
  // Only the numbers: the panel (charts, tables) re-renders when they change, not on every label.
  const { classNames, trainImages, validImages } = useUsedSummary();
  const { plan, problem } = useMemo(() => checkRecipe(recipe, trainImages), [recipe, trainImages]);
  const running = state === 'running' || state === 'paused';
  const lastSize = plan ? plan.perEpoch[plan.perEpoch.length - 1].size : 64;
  const blocker = trainBlocker({ ready, modelReady, classes: classNames.length, trainImages, state, saving }) ?? problem;
  const resumeBlocker = trainBlocker({ ready, modelReady, classes: classNames.length, trainImages, state, saving });
  // The runs list follows the worker's writes: at start-up, on opening the step, and as a run moves on.
  const onStep = useStore((s) => s.step === 'train');
  const epochsSeen = useStore((s) => s.trainEpochs.length);
  const runId = useStore((s) => s.currentRunId);
  const projectId = useStore((s) => s.projectId);
  useEffect(() => {
    void refreshRuns(projectId);
  }, [onStep, state, epochsSeen, runId, projectId]);

  return (
    <section className="panel" aria-labelledby="train-heading">
      <h2 id="train-heading">2 · Train</h2>
      <p className="hint">
        Teaches the network your classes from the images in Data, keeping the validation images aside to measure it.
        Each run starts from the loaded backbone&apos;s weights; the model is kept when it ends.
      </p>
      {!pretrained && (
        <p className="notice warning" data-testid="train.no-pretrained" data-mode={recipe.mode}>
          {recipe.mode === 'fast' ? NO_PRETRAINED_FAST_NOTE : NO_PRETRAINED_NOTE}
        </p>
      )}
      <ResumeOffer dataset={projectId} blocker={resumeBlocker} />
      <PlainChoices recipe={recipe} disabled={running} onChange={change} />
      <ModeChooser recipe={recipe} plan={plan} trainImages={trainImages} validImages={validImages} disabled={running} onChange={change} />
      {plan && !running && trainImages === 0 && (
        <p className="muted" data-testid="train.plan-summary">Plan: the number of passes follows from the dataset&apos;s size, once its images are imported.</p>
      )}
      {plan && !running && trainImages > 0 && (
        <p className="muted" data-testid="train.plan-summary">
          {recipe.mode === 'full'
            ? <>Plan: {plan.perEpoch.length} passes over the {trainImages} training images ({plan.freezeEpochs} with the network frozen, {plan.epochs} with all of it learning), at {plan.stages.map((s) => `${s.size} px × ${s.epochs}`).join(', ')}.</>
            : <>Plan: the network reads the {trainImages} training images ({recipe.views} variations each) and {validImages} validation images once at {lastSize} px, then {plan.perEpoch.length} quick passes train the last layer alone.</>}
          {plan.warnings.length > 0 && ` ${plan.warnings.join(' ')}`}
        </p>
      )}
      {!running && trainImages > 0 && validImages === 0 && (
        <p className="warn" data-testid="train.no-validation">
          No validation images: a run trains on every image, so nothing measures it (no validation loss or accuracy, no
          best epoch, nothing in Evaluate). Raise the validation share in the Data step first, or measure the model later
          on a labelled folder of other images in Classify.
        </p>
      )}
      {trainParams.problems.length > 0 && <p className="warn">URL parameters ignored: {trainParams.problems.join('; ')}.</p>}
      <TrainControls blocker={blocker} onStart={() => void startRun(projectId, recipe, faultParam).catch(shownInStore)} />
      <KeptNote />
      {state === 'done' && <NextStep to="evaluate" note="The trained model's accuracy, confusion matrix and mistakes on the validation images." />}
      <RecipeForm recipe={recipe} disabled={running} onChange={change} />
      <LrFinder recipe={recipe} blocker={blocker} onUseLr={(lr) => change({ ...recipe, baseLr: lr })} />
      <AugPreview augment={recipe.augment} size={lastSize} seed={recipe.seed} disabled={running || !ready} />
      <RerunOffer blocker={blocker} />
      <TrainNotices />
      <FeatureProgressBar />
      <TrainProgressBar />
      <EpochTable />
      <ErrorBoundary what="the loss chart" compact>
        <LossChart />
      </ErrorBoundary>
      <RunsList dataset={projectId} />
    </section>
  );
}
