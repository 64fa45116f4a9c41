import { useMemo } from 'react';
import type { ScaleCheck as Check } from '../../../shared/dataset/magShortcut';
import { useStore } from '../../store';
import { formatScale, magWarning, scaleCheck } from './scaleSelectors';

/** Pixel size (or magnification) per class, from the files' metadata; a warning when it separates classes. */
export function ScaleCheck() {
  const entries = useStore((s) => s.entries);
  const meta = useStore((s) => s.meta);
  const check = useMemo(() => scaleCheck(entries, meta), [entries, meta]);
  if (!check) return null;
  const warning = magWarning(check);
  const what = check.quantity === 'pixelSizeNm' ? 'Pixel size' : 'Magnification';
  const known = `${what} known for ${Math.round(check.coverage * 100)}% of the images`;
  if (warning) {
    return (
      <div className="warn" role="note" data-testid="dataset.mag-warning" data-quantity={check.quantity}
        data-accuracy={check.balancedAccuracy?.toFixed(4)} data-classes={check.separated.join(' ')}>
        <p>{warning}</p>
        <ScaleTable check={check} caption={known} />
      </div>
    );
  }
  return (
    <details data-testid="dataset.scale" data-quantity={check.quantity}>
      <summary>{known}; the classes overlap in {what.toLowerCase()}</summary>
      <ScaleTable check={check} caption={known} />
    </details>
  );
}

function ScaleTable({ check, caption }: { check: Check; caption: string }) {
  const f = (v: number | null) => (v === null ? '—' : formatScale(check, v));
  return (
    <table className="table">
      <caption className="muted">{caption}</caption>
      <thead>
        <tr><th>Class</th><th>Known</th><th>Lowest</th><th>Median</th><th>Highest</th></tr>
      </thead>
      <tbody>
        {check.perClass.map((c) => (
          <tr key={c.label} data-testid="dataset.scale-row" data-class={c.label} data-median={c.median === null ? undefined : String(Number(c.median.toPrecision(6)))}>
            <td>{c.label}</td><td>{c.known} of {c.count}</td><td>{f(c.min)}</td><td>{f(c.median)}</td><td>{f(c.max)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
