import { changeLabels } from '../data/labelActions';
import { useStore } from '../../store';
import { useDatasetView } from '../data/datasetView';

/**
 * fastai's ImageClassifierCleaner on one evaluated image: relabel it, exclude it from training (kept,
 * marked), or delete it from the dataset. Changes are stored at once and undone with Ctrl/⌘+Z.
 */
export function CleanActions({ path }: { path: string }) {
  const { entryOf, classes } = useDatasetView();
  const entry = entryOf(path);
  if (!entry) return <div className="muted" data-testid="clean.gone">deleted from the dataset</div>;
  const paths = [path];
  const name = path.split('/').pop() ?? path;
  return (
    <div className="clean row">
      <label>
        <span className="sr-only">Relabel {name}</span>
        <select data-testid="clean.relabel" value={entry.label ?? ''} title="Relabel this image"
          onChange={(e) => changeLabels({ kind: 'label', paths, label: e.target.value || null, origin: 'hand' })}>
          {entry.label === null && <option value="">(unlabelled)</option>}
          {classes.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <button type="button" className="small" data-testid="clean.exclude" data-excluded={!!entry.excluded} aria-pressed={!!entry.excluded}
        title={entry.excluded ? 'Excluded from training: click to include it again' : 'Leave this image out of training (it stays in the dataset, marked)'}
        onClick={() => changeLabels({ kind: 'exclude', paths, excluded: !entry.excluded })}>
        {entry.excluded ? 'Excluded ✓' : 'Exclude'}
      </button>
      <button type="button" className="small" data-testid="clean.delete" title="Delete from the dataset (Ctrl/⌘+Z undoes)"
        onClick={() => changeLabels({ kind: 'delete', paths })}>
        Delete
      </button>
    </div>
  );
}

/** "The dataset changed since the run": after a clean-up, with the way back to Train. */
export function DatasetChanged() {
  const runRevision = useStore((s) => s.runRevision);
  const revision = useStore((s) => s.meta?.revision ?? 0);
  const setStep = useStore((s) => s.setStep);
  if (runRevision === null || revision === runRevision) return null;
  const n = Math.abs(revision - runRevision);
  return (
    <p className="warn" role="status" data-testid="metrics.dataset-changed" data-changes={n}>
      The dataset changed since the run ({n} change{n === 1 ? '' : 's'}): these results are of the
      dataset as it was. <button type="button" className="link" onClick={() => setStep('train')}>Train again with the same recipe</button>
    </p>
  );
}
