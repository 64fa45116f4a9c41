import { PLAIN_LENGTHS, PLAIN_SIZES, plainChoices, plainSchedule, type PlainLength, type PlainSize } from '../../../shared/train/plainSchedule';
import type { TrainRecipe } from '../../../shared/train/recipe';

interface Props {
  recipe: TrainRecipe;
  disabled: boolean;
  onChange: (r: TrainRecipe) => void;
}

/** The two choices most people make, in plain words; they write the schedule the Advanced panel shows. */
export function PlainChoices({ recipe, disabled, onChange }: Props) {
  const current = plainChoices(recipe.schedule);
  const length: PlainLength | null = current?.length ?? null;
  const size: PlainSize | null = current?.size ?? null;
  const pick = (l: PlainLength | null, s: PlainSize | null) =>
    onChange({ ...recipe, schedule: plainSchedule(l ?? 'auto', s ?? 'large'), epochs: null });
  return (
    <div className="plain-choices" data-testid="train.plain" data-length={length ?? 'custom'} data-size={size ?? 'custom'}>
      <fieldset disabled={disabled}>
        <legend>How long</legend>
        {PLAIN_LENGTHS.map((l) => (
          <label key={l.id}>
            <input type="radio" name="train-length" value={l.id} checked={length === l.id} data-testid={`train.length-${l.id}`}
              onChange={() => pick(l.id, size)} /> {l.label} <span className="muted">· {l.hint}</span>
          </label>
        ))}
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>How big the images</legend>
        {PLAIN_SIZES.map((s) => (
          <label key={s.id}>
            <input type="radio" name="train-size" value={s.id} checked={size === s.id} data-testid={`train.size-${s.id}`}
              onChange={() => pick(length, s.id)} /> {s.label} <span className="muted">· {s.hint}</span>
          </label>
        ))}
      </fieldset>
      {!current && (
        <p className="hint" data-testid="train.custom-schedule">
          Custom schedule <code>{recipe.schedule}</code> (set under Advanced or by the link): pick a choice above to replace it.
        </p>
      )}
    </div>
  );
}
