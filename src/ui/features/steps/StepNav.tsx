import type { KeyboardEvent } from 'react';
import { STEPS, type Step } from '../../store/appSlice';
import { useStore } from '../../store';

/** Which step an arrow, Home or End key moves to from `index` (WAI-ARIA tabs: wraps around), or null. */
export function stepForKey(key: string, index: number): Step | null {
  const n = STEPS.length;
  const to = key === 'ArrowRight' ? (index + 1) % n
    : key === 'ArrowLeft' ? (index - 1 + n) % n
      : key === 'Home' ? 0
        : key === 'End' ? n - 1
          : null;
  return to === null ? null : STEPS[to].id;
}

/** The five steps as tabs: one tab stop, arrow keys move between them and open the step (automatic activation). */
export function StepNav() {
  const step = useStore((s) => s.step);
  const setStep = useStore((s) => s.setStep);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const to = stepForKey(e.key, index);
    if (!to) return;
    e.preventDefault();
    setStep(to);
    document.getElementById(`tab-${to}`)?.focus();
  };
  return (
    <nav className="steps" aria-label="Steps">
      <ol role="tablist" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id} role="presentation">
            <button
              type="button"
              role="tab"
              id={`tab-${s.id}`}
              aria-selected={step === s.id}
              aria-controls={`step-${s.id}`}
              tabIndex={step === s.id ? 0 : -1}
              data-testid={`nav.${s.id}`}
              onClick={() => setStep(s.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="step-no" aria-hidden="true">{i + 1}</span> {s.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
