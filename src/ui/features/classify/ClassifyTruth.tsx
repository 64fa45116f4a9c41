import { useMemo, useState } from 'react';
import { labelledSet } from '../../../shared/eval/groundTruth';
import { argmax, cellItems, computeMetrics } from '../../../shared/eval/metrics';
import type { EvalItem } from '../../../shared/eval/types';
import { useStore } from '../../store';
import { ClassMetricsTable } from '../evaluate/ClassMetricsTable';
import { ConfusionMatrix, type Cell } from '../evaluate/ConfusionMatrix';
import { fmt4, pct } from '../evaluate/format';
import '../evaluate/evaluate.css';
import { HeldOutCheck } from './HeldOutCheck';

const NS = 'predict.truth';

/**
 * A classified folder with class subfolders is a labelled test set: accuracy, the confusion matrix, the
 * per-class report and the wrong images, with Evaluate's components, on images the model never saw.
 */
export function ClassifyTruth() {
  const rows = useStore((s) => s.predictions);
  const set = useMemo(() => labelledSet(rows), [rows]);
  const items: EvalItem[] = useMemo(() => set?.items.map((i) => ({ hash: `row-${i.id}`, path: i.path, label: i.label, probs: i.probs })) ?? [], [set]);
  const metrics = useMemo(() => (set ? computeMetrics(items, set.classNames) : null), [set, items]);
  const thumbs = useMemo(() => new Map(rows.map((r) => [`row-${r.id}`, r.thumbUrl])), [rows]);
  const [selected, setSelected] = useState<Cell | null>(null);
  if (!set || !metrics) return null;
  const names = set.classNames;
  const wrong = items.filter((it) => argmax(it.probs) !== it.label);
  const cell = selected && selected.actual < names.length && selected.predicted < names.length ? selected : null;
  const shown = cell ? cellItems(items, cell.actual, cell.predicted) : wrong;
  return (
    <section className="panel evaluate" aria-labelledby="truth-heading" data-testid={NS} data-accuracy={fmt4(metrics.accuracy)} data-count={items.length}
      data-f1={fmt4(metrics.macro.f1)} data-unlabelled={set.unlabelled} data-wrong={wrong.length}>
      <h2 id="truth-heading">Accuracy on the labelled folder</h2>
      <p className="hint">
        {items.length} image{items.length === 1 ? '' : 's'} sit in folders named after the model&apos;s classes: the folder names are taken as the
        true classes, so this is a held-out test of the model{set.unlabelled > 0 ? ` (${set.unlabelled} other image${set.unlabelled === 1 ? '' : 's'} without a class folder left out)` : ''}.
        Only a folder the model never trained on measures it fairly.
      </p>
      <div className="stats">
        <div className="stat"><div className="stat-value">{pct(metrics.accuracy)}</div><div className="stat-label">test accuracy ({items.length - wrong.length} of {items.length})</div></div>
        <div className="stat"><div className="stat-value">{pct(metrics.macro.f1)}</div><div className="stat-label">macro F1</div></div>
      </div>
      <HeldOutCheck />
      <h3>Confusion matrix</h3>
      <div className="cm-layout">
        <ConfusionMatrix metrics={metrics} selected={cell} onSelect={setSelected} ns={NS} />
      </div>
      <h3>Per class</h3>
      <ClassMetricsTable metrics={metrics} ns={NS} />
      <h3>{cell ? `${names[cell.actual]} predicted as ${names[cell.predicted]}` : 'Wrong images'}</h3>
      {cell && <button type="button" onClick={() => setSelected(null)}>Show all wrong images</button>}
      {shown.length === 0 ? <p className="muted">{cell ? 'No images here.' : 'None: every labelled image was classified as its folder says.'}</p> : (
        <ul className="eval-gallery" aria-label={cell ? 'Images of the selected cell' : 'Wrongly classified images'}>
          {shown.map((it) => {
            const pred = argmax(it.probs);
            const url = thumbs.get(it.hash);
            return (
              <li key={it.hash} className={`eval-card${pred === it.label ? '' : ' wrong'}`} data-testid={`${NS}.image`} data-file={it.path}
                data-true={names[it.label]} data-pred={names[pred]}>
                <span className="thumb-box" style={{ width: 72, height: 72 }}>{url && <img src={url} alt="" width={72} height={72} style={{ objectFit: 'cover' }} />}</span>
                <div className="eval-card-text">
                  <div className="path" title={it.path}>{it.path.split('/').pop()}</div>
                  <div>actual <b>{names[it.label]}</b></div>
                  <div>predicted <b>{names[pred]}</b> {(it.probs[pred] * 100).toFixed(1)} %</div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
