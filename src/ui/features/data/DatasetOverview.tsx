import { useMemo } from 'react';
import { setCropDataBar } from './datasetActions';
import { useStore } from '../../store';
import { useGroupCount } from './independenceRun';
import { dataBarWarning, imbalanceRatio, usableHashes } from './datasetSelectors';
import { useDatasetView } from './datasetView';
import { describeSizes, describeUnused } from './phrasing';
import { ScaleCheck } from './ScaleCheck';
import { SplitControls } from './SplitControls';
import { StorageInfo } from './StorageInfo';

/** Totals and the checks a microscopist should see before training. */
export function DatasetOverview() {
  const meta = useStore((s) => s.meta);
  const notes = useStore((s) => s.splitNotes);
  const entries = useStore((s) => s.entries);
  const { rows, sizes, usable: total, bars, counts } = useDatasetView();
  const groups = useGroupCount(useMemo(() => (meta ? usableHashes(entries, meta) : null), [entries, meta]));
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
        <dt>Independent groups</dt>
        <dd data-testid="dataset.groups" data-count={typeof groups === 'number' ? groups : undefined}
          title="Near-duplicate frames (the same field shot again, re-scanned or moved a little) form one group; a frame without near-duplicates is a group of its own. The split keeps each group on one side.">
          {groups === null ? 'counting…' : groups === 'failed' ? 'could not be counted' : `${groups}${groups < total ? ` (${total - groups} image${total - groups === 1 ? ' is a near-duplicate' : 's are near-duplicates'} of others)` : ' (no near-duplicates)'}`}
        </dd>
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
      <ScaleCheck />
      {notes.map((n) => <p key={n} className="warn" role="note">{n}</p>)}
      <SplitControls />
      <StorageInfo />
    </section>
  );
}
