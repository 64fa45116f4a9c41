import { STEPS } from '../../store/appSlice';
import { useStore } from '../../store';

export function StepNav() {
  const step = useStore((s) => s.step);
  const setStep = useStore((s) => s.setStep);
  return (
    <nav className="steps" aria-label="Steps">
      <ol role="tablist">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              role="tab"
              aria-selected={step === s.id}
              aria-controls={`step-${s.id}`}
              data-testid={`nav.${s.id}`}
              onClick={() => setStep(s.id)}
            >
              <span className="step-no">{i + 1}</span> {s.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
