import { AUG_ALL_OFF, AUG_ALL_ON, AUG_TOGGLE_LABELS, type AugToggles } from '../../../shared/train/augToggles';

interface Props {
  value: AugToggles;
  onChange: (t: AugToggles) => void;
}

/** fastai aug_transforms, one switch per transform (fastai's values when on). */
export function AugToggleFields({ value, onChange }: Props) {
  const all = AUG_TOGGLE_LABELS.every(({ key }) => value[key]);
  return (
    <fieldset className="aug-toggles" data-testid="train.aug-toggles">
      <legend><code>aug_transforms</code></legend>
      <div className="row wrap">
        <label title="switch every transform on or off">
          <input type="checkbox" checked={all} onChange={(e) => onChange({ ...(e.target.checked ? AUG_ALL_ON : AUG_ALL_OFF) })} /> all
        </label>
        {AUG_TOGGLE_LABELS.map(({ key, label, hint }) => (
          <label key={key} title={hint}>
            <input
              type="checkbox"
              data-testid={`train.aug-${key}`}
              checked={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.checked })}
            />{' '}
            <code>{label}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
