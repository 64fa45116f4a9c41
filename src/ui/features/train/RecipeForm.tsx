import { RECIPE_DEFAULTS, type TrainRecipe } from '../../../shared/train/recipe';
import { SCRATCH } from '../../../shared/train/scratch';
import { AugToggleFields } from './AugToggleFields';

interface Props {
  recipe: TrainRecipe;
  disabled: boolean;
  onChange: (r: TrainRecipe) => void;
}

/** One fastai setting: its name, the input, its default and why one would change it. */
function Field({ name, why, def, children }: { name: string; why: string; def: string; children: React.ReactNode }) {
  return (
    <label className="advanced-field">
      <code>{name}</code> {children}
      <span className="why">default {def} · {why}</span>
    </label>
  );
}

/** A number input that hands back NaN for an empty field, so the plan check can say what is wrong. */
function NumberInput({ name, value, step, placeholder, testId, onChange }: {
  name: string; value: number | null; step: number | string; placeholder?: string; testId?: string; onChange: (v: number | null) => void;
}) {
  return (
    <input
      type="number" aria-label={name} data-testid={testId} step={step} min={0} size={10}
      value={value === null || Number.isNaN(value) ? '' : value}
      placeholder={value === null ? placeholder : undefined}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
    />
  );
}

/** The fastai recipe with fastai's names (what `learn.fine_tune(...)` would be called with), folded away. */
export function RecipeForm({ recipe, disabled, onChange }: Props) {
  const set = <K extends keyof TrainRecipe>(k: K, v: TrainRecipe[K]) => onChange({ ...recipe, [k]: v });
  // Without pretrained weights the defaults are the from-scratch ones (scratch.ts).
  const d = recipe.scratch
    ? { ...RECIPE_DEFAULTS, schedule: SCRATCH.schedule, batchSize: SCRATCH.batchSize, baseLr: SCRATCH.baseLr, freezeEpochs: 0 }
    : RECIPE_DEFAULTS;
  return (
    <details className="advanced" data-testid="train.advanced">
      <summary>Advanced: the fastai recipe</summary>
      <fieldset className="recipe" disabled={disabled}>
        <legend>{recipe.scratch ? 'fine_tune settings (from scratch: the unfrozen epochs are fit_one_cycle, every layer at base_lr)' : 'fine_tune settings'}</legend>
        <div className="advanced-grid">
          <Field name="schedule" def={d.schedule} why="progressive resizing: image size × epochs per stage; ? picks the epochs from the dataset size">
            <input aria-label="schedule" value={recipe.schedule} onChange={(e) => set('schedule', e.target.value)} size={18} />
          </Field>
          <Field name="epochs" def="auto" why="fine_tune epochs after the frozen ones; empty: the schedule's epochs minus freeze_epochs">
            <NumberInput name="epochs" value={recipe.epochs} step={1} placeholder="auto" onChange={(v) => set('epochs', v)} />
          </Field>
          <Field name="freeze_epochs" def={String(d.freezeEpochs)} why="epochs training only the new head first, so it does not wreck the pretrained layers">
            <NumberInput name="freeze_epochs" value={recipe.freezeEpochs} step={1} onChange={(v) => set('freezeEpochs', v ?? NaN)} />
          </Field>
          <Field name="base_lr" def={String(d.baseLr)} why="peak learning rate of the head; the LR finder below suggests one">
            <NumberInput name="base_lr" testId="train.base-lr" value={recipe.baseLr} step="any" onChange={(v) => set('baseLr', v ?? NaN)} />
          </Field>
          <Field name="bs" def={String(d.batchSize)} why="images per step: smaller if memory runs out, larger for steadier steps">
            <NumberInput name="bs" value={recipe.batchSize} step={1} onChange={(v) => set('batchSize', v ?? NaN)} />
          </Field>
          <Field name="label_smoothing" def={String(d.labelSmoothing)} why="0.1 softens the targets (fastai's LabelSmoothingCrossEntropy) when labels are noisy">
            <NumberInput name="label_smoothing" value={recipe.labelSmoothing} step="any" onChange={(v) => set('labelSmoothing', v ?? 0)} />
          </Field>
          <Field name="seed" def={String(d.seed)} why="shuffling, augmentation and initialisation: the same seed repeats a run">
            <NumberInput name="seed" value={recipe.seed} step={1} onChange={(v) => set('seed', v ?? 0)} />
          </Field>
        </div>
        <AugToggleFields value={recipe.augment} onChange={(t) => set('augment', t)} />
        <p className="why hint">aug_transforms default: all on · random flips, rotations, zoom, lighting and warps, so the network learns the specimen, not its orientation.</p>
      </fieldset>
    </details>
  );
}
