import type { TrainRecipe } from '../../../shared/train/recipe';
import { AugToggleFields } from './AugToggleFields';

interface Props {
  recipe: TrainRecipe;
  disabled: boolean;
  onChange: (r: TrainRecipe) => void;
}

/** A number input that hands back NaN for an empty field, so the plan check can say what is wrong. */
function NumberField({ label, hint, value, step, disabled, onChange, testId }: {
  label: string; hint: string; testId?: string; value: number | null; step: number | string; disabled: boolean; onChange: (v: number | null) => void;
}) {
  return (
    <label title={hint}>
      <code>{label}</code>{' '}
      <input
        type="number"
        data-testid={testId}
        step={step}
        min={0}
        value={value === null || Number.isNaN(value) ? '' : value}
        placeholder={value === null ? 'from schedule' : undefined}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    </label>
  );
}

/** The fastai recipe, with fastai's names: what `learn.fine_tune(...)` would be called with. */
export function RecipeForm({ recipe, disabled, onChange }: Props) {
  const set = <K extends keyof TrainRecipe>(k: K, v: TrainRecipe[K]) => onChange({ ...recipe, [k]: v });
  return (
    <fieldset className="recipe" disabled={disabled}>
      <legend>Recipe</legend>
      <div className="row wrap">
        <label title="Progressive resizing: size x epochs per stage; ? picks the epochs from the dataset size">
          <code>schedule</code>{' '}
          <input aria-label="schedule" value={recipe.schedule} onChange={(e) => set('schedule', e.target.value)} size={18} />
        </label>
        <NumberField label="epochs" hint="fine_tune epochs after freezing; empty: the schedule's epochs minus freeze_epochs"
          value={recipe.epochs} step={1} disabled={disabled} onChange={(v) => set('epochs', v)} />
        <NumberField label="freeze_epochs" hint="epochs training only the head first (fastai default 1)"
          value={recipe.freezeEpochs} step={1} disabled={disabled} onChange={(v) => set('freezeEpochs', v ?? NaN)} />
        <NumberField label="base_lr" testId="train.base-lr" hint="peak learning rate of the head (fastai default 2e-3)"
          value={recipe.baseLr} step="any" disabled={disabled} onChange={(v) => set('baseLr', v ?? NaN)} />
        <NumberField label="bs" hint="batch size" value={recipe.batchSize} step={1} disabled={disabled} onChange={(v) => set('batchSize', v ?? NaN)} />
        <NumberField label="label_smoothing" hint="0: plain cross-entropy; fastai's LabelSmoothingCrossEntropy uses 0.1"
          value={recipe.labelSmoothing} step="any" disabled={disabled} onChange={(v) => set('labelSmoothing', v ?? 0)} />
        <NumberField label="seed" hint="shuffling, augmentation and initialisation" value={recipe.seed} step={1} disabled={disabled}
          onChange={(v) => set('seed', v ?? 0)} />
      </div>
      <AugToggleFields value={recipe.augment} onChange={(t) => set('augment', t)} />
    </fieldset>
  );
}
