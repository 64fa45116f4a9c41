import { setCropDataBar } from '../../dataset/datasetActions';
import { useStore } from '../../store';
import { dataBarWarning, imbalanceRatio } from '../../store/datasetSelectors';
import { useDatasetView } from '../../store/datasetView';
import { describeSizes, describeUnused } from '../../store/phrasing';
import { SplitControls } from './SplitControls';
import { StorageInfo } from './StorageInfo';

/** Totals and the checks a microscopist should see before training. */
export function DatasetOverview() {
  const meta = useStore((s) => s.meta);
  const notes = useStore((s) => s.splitNotes);
  const { rows, sizes, usable: total, bars, counts } = useDatasetView();
  if (!meta) return null;
  const ratio = imbalanceRatio(rows);
  const barWarning = dataBarWarning(rows);
  const dupes = meta.issues.filter((i) => i.reason.startsWith('exact duplicate')).length;

  return (
    <section className="panel" aria-labelledby="data-overview-heading">
      <h2 id="data-overview-heading">Dataset “{meta.name}”</h2>
      <dl className="facts">
        <dt>Usable images</dt>
        <dd data-testid="dataset.total" data-count={total}>{total}</dd>
        <dt>Classes</dt>
        <dd>{rows.filter((r) => !r.excluded).length}{rows.some((r) => r.excluded) ? ` (${rows.filter((r) => r.excluded).length} excluded)` : ''}</dd>
        <dt>Not used</dt>
        <dd>{describeUnused(meta.issues.length, dupes, meta.hiddenCount)}</dd>
        {sizes && (
          <>
            <dt>Image sizes</dt>
            <dd>{describeSizes(sizes)}</dd>
          </>
        )}
        {ratio !== null && (
          <>
            <dt>Balance</dt>
            <dd>largest / smallest class: {ratio.toFixed(1)}×{ratio >= 3 ? ' (imbalanced: watch per-class recall)' : ''}</dd>
          </>
        )}
        <dt>Data bars</dt>
        <dd>
          found on {bars} of {counts.all} images ·{' '}
          <label>
            <input type="checkbox" checked={meta.cropDataBar} onChange={(e) => void setCropDataBar(e.target.checked)} /> crop them off
          </label>
        </dd>
      </dl>
      {barWarning && <p className="warn" role="note">{barWarning}</p>}
      {notes.map((n) => <p key={n} className="warn" role="note">{n}</p>)}
      <SplitControls />
      <StorageInfo />
    </section>
  );
}
