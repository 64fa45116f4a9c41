import { Fragment } from 'react';
import { storedPixelSizeNm } from '../../../../shared/dataset/instrument';
import { originOf } from '../../../../shared/dataset/labels';
import type { DatasetEntry } from '../../../../shared/dataset/records';
import { changeLabels } from '../labelActions';
import { useStore } from '../../../store';
import { formatPixelSize, instrumentFacts, pixelNmAttr } from '../instrumentPhrasing';
import { Thumb } from '../Thumb';

const ORIGIN_TEXT = { folder: 'its class folder', hand: 'labelled by hand', accepted: 'accepted prediction' } as const;

/** One image in full: where its label came from, its split side; relabel, exclude or delete it. */
export function ImageDetails({ entry, classes, crop }: { entry: DatasetEntry; classes: readonly string[]; crop: boolean }) {
  const side = useStore((s) => s.meta?.split?.assign[entry.path] ?? null);
  const origin = originOf(entry);
  const paths = [entry.path];
  const stored = storedPixelSizeNm(entry);
  return (
    <aside className="image-details" data-testid="dataset.details" data-file={entry.path} data-pixel-nm={pixelNmAttr(entry.instrument)} aria-label={`Details of ${entry.path}`}>
      <Thumb entry={entry} crop={crop} size={180} which="bytes" outline />
      <dl className="facts">
        <dt>File</dt><dd className="path">{entry.path}</dd>
        <dt>Class</dt><dd>{entry.label ?? 'unlabelled'}{origin && ` (${ORIGIN_TEXT[origin]})`}</dd>
        <dt>Split</dt><dd>{entry.excluded ? 'excluded from training' : (side ?? '—')}</dd>
        <dt>Size</dt><dd>{entry.width} × {entry.height} px</dd>
        {instrumentFacts(entry.instrument).map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}{label === 'Pixel size' && stored !== null && entry.storedWidth < entry.width
              ? <span className="muted"> · of the {entry.width} px original; the {entry.storedWidth} px stored copy: {formatPixelSize(stored)}</span> : null}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="row">
        <label>
          Relabel{' '}
          <select data-testid="dataset.detail-relabel" value={entry.label ?? ''}
            onChange={(e) => changeLabels({ kind: 'label', paths, label: e.target.value || null, origin: 'hand' })}>
            <option value="">(unlabelled)</option>
            {classes.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => changeLabels({ kind: 'exclude', paths, excluded: !entry.excluded })}>
          {entry.excluded ? 'Include in training' : 'Exclude from training'}
        </button>
        <button type="button" onClick={() => changeLabels({ kind: 'delete', paths })}>Delete</button>
      </div>
    </aside>
  );
}
