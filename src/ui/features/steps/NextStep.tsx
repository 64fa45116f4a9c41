import type { Step } from '../../store/appSlice';
import { STEPS } from '../../store/appSlice';
import { useStore } from '../../store';

/** The step's one prominent way on: "Next: Train" once there is data, and so on; `note` says what it brings. */
export function NextStep({ to, note }: { to: Step; note?: string }) {
  const setStep = useStore((s) => s.setStep);
  const label = STEPS.find((s) => s.id === to)!.label;
  return (
    <div className="next-step">
      <button
        type="button"
        className="primary large"
        data-testid={`next.${to}`}
        onClick={() => {
          setStep(to);
          window.scrollTo({ top: 0 });
          document.getElementById(`tab-${to}`)?.focus();
        }}
      >
        Next: {label}
      </button>
      {note && <span className="hint">{note}</span>}
    </div>
  );
}
