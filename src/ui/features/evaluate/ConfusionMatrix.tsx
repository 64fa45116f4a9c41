import { useRef, useState, type KeyboardEvent } from 'react';
import { textOn, viridis } from '../../../shared/eval/colormap';
import { rowNormalised, type Metrics } from '../../../shared/eval/metrics';
import { cellText, confusionLayout, confusionSvg, shortLabel } from '../../../shared/eval/svg';
import { ExportButtons } from './ExportButtons';

export interface Cell {
  actual: number;
  predicted: number;
}

/**
 * fastai's plot_confusion_matrix as an SVG heatmap (rows actual, columns predicted) on the viridis scale.
 * Every cell is a button: click, Enter or Space opens its images; arrow keys move between cells.
 * `ns` prefixes the test ids (Classify's labelled-folder matrix uses its own).
 */
export function ConfusionMatrix({ metrics, selected, onSelect, ns = 'metrics' }: { metrics: Metrics; selected: Cell | null; onSelect: (c: Cell) => void; ns?: string }) {
  const [normalise, setNormalise] = useState(false);
  const [focusAt, setFocus] = useState<Cell>({ actual: 0, predicted: 0 });
  const svgRef = useRef<SVGSVGElement>(null);
  const names = metrics.classNames;
  const k = names.length;
  const L = confusionLayout(names);
  const shares = rowNormalised(metrics.confusion);
  const max = Math.max(1, ...metrics.confusion.flat());
  // The one cell in the tab order (roving tabindex), kept inside the matrix when a new evaluation has fewer classes.
  const focus = { actual: Math.min(focusAt.actual, k - 1), predicted: Math.min(focusAt.predicted, k - 1) };

  const move = (e: KeyboardEvent, c: Cell) => {
    const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(c);
      return;
    }
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    const next = { actual: Math.min(k - 1, Math.max(0, c.actual + d[0])), predicted: Math.min(k - 1, Math.max(0, c.predicted + d[1])) };
    setFocus(next);
    svgRef.current?.querySelector<SVGGElement>(`[data-i="${next.actual}"][data-j="${next.predicted}"]`)?.focus();
  };

  return (
    <figure className="chart cm">
      <div className="row">
        <label>
          <input type="checkbox" checked={normalise} onChange={(e) => setNormalise(e.target.checked)} data-testid={`${ns}.cm-normalise`} />{' '}
          row percentages (share of each actual class)
        </label>
        <ExportButtons name="confusion-matrix" label="confusion matrix" getSvg={() => confusionSvg(metrics.confusion, names, normalise)} />
      </div>
      <div className="cm-scroll">
        <svg ref={svgRef} width={L.width} height={L.height} viewBox={`0 0 ${L.width} ${L.height}`} fontSize={L.fontSize} role="group"
          aria-label={`Confusion matrix, ${k} classes: rows actual, columns predicted`} data-testid={`${ns}.cm`}>
          <text x={L.left + (k * L.cell) / 2} y={12} textAnchor="middle" fontWeight={600}>predicted</text>
          <text transform={`translate(12 ${L.top + (k * L.cell) / 2}) rotate(-90)`} textAnchor="middle" fontWeight={600}>actual</text>
          {names.map((name, i) => (
            <g key={name}>
              <text x={L.left - 6} y={L.top + i * L.cell + L.cell / 2} textAnchor="end" dominantBaseline="middle"><title>{name}</title>{shortLabel(name)}</text>
              <text transform={`translate(${L.left + i * L.cell + L.cell / 2} ${L.top - 6}) rotate(-90)`} dominantBaseline="middle"><title>{name}</title>{shortLabel(name)}</text>
            </g>
          ))}
          {metrics.confusion.map((row, i) =>
            row.map((count, j) => {
              const t = normalise ? shares[i][j] : count / max;
              const isSel = selected?.actual === i && selected.predicted === j;
              const tip = `${names[i]} predicted as ${names[j]}: ${count} image${count === 1 ? '' : 's'} (${(shares[i][j] * 100).toFixed(1)} % of ${names[i]})`;
              return (
                <g key={`${i}-${j}`} className="cm-cell" role="button" tabIndex={focus.actual === i && focus.predicted === j ? 0 : -1} aria-label={tip}
                  aria-pressed={isSel} data-testid={`${ns}.cm-cell`} data-true={names[i]} data-pred={names[j]} data-count={count} data-i={i} data-j={j}
                  onClick={() => { setFocus({ actual: i, predicted: j }); onSelect({ actual: i, predicted: j }); }}
                  onKeyDown={(e) => move(e, { actual: i, predicted: j })}>
                  <title>{tip}</title>
                  <rect x={L.left + j * L.cell} y={L.top + i * L.cell} width={L.cell} height={L.cell} fill={viridis(t)} stroke={isSel ? '#e0302b' : '#fff'} strokeWidth={isSel ? 3 : 1} />
                  <text x={L.left + j * L.cell + L.cell / 2} y={L.top + i * L.cell + L.cell / 2} textAnchor="middle" dominantBaseline="middle" fill={textOn(t)} pointerEvents="none">
                    {cellText(count, shares[i][j], normalise)}
                  </text>
                </g>
              );
            }),
          )}
        </svg>
      </div>
      <figcaption className="muted">
        Colour: viridis, from dark (few) to yellow (many){normalise ? ', by share of the actual class' : ', by count'}. Select a cell to see its images.
      </figcaption>
    </figure>
  );
}
