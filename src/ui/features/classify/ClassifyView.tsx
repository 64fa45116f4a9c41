import { useMemo, useRef, useState } from 'react';
import { DropZone } from '../../components/DropZone';
import { useStore } from '../../store';
import { filterPredictions, NO_FILTER, type PredictionFilter } from '../../store/classifySelectors';
import { classifyDrop, classifyInput, effectiveCrop } from './classifyRun';
import { PredictionTable } from './PredictionTable';
import { PredictProgress } from './PredictProgress';
import { ResultsToolbar } from './ResultsToolbar';

export function ClassifyView() {
  const model = useStore((s) => s.model);
  const ready = useStore((s) => s.ready);
  const rows = useStore((s) => s.predictions);
  const below = useStore((s) => s.uncertainBelow);
  const [filter, setFilter] = useState<PredictionFilter>(NO_FILTER);
  const shown = useMemo(() => filterPredictions(rows, filter, below), [rows, filter, below]);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="classify-heading">
        <h2 id="classify-heading">Classify images</h2>
        {model && !model.headTrained && (
          <p className="warn" role="note">
            The classification head has not been trained yet: these {model.classNames.length} reference classes get
            random scores. Train on your data (or import a trained model) for meaningful results. The backbone is
            chosen under Train.
          </p>
        )}
        <DropZone
          label="Drop images or folders to classify, or press Enter to choose files"
          onActivate={() => files.current?.click()}
          onDropData={classifyDrop}
        >
          {ready ? 'Drop SEM images or whole folders here, or click to choose files (JPEG, PNG, TIFF, BMP, GIF, WebP)' : 'Waiting for the compute worker…'}
        </DropZone>
        <div className="row">
          <label className="button">
            Choose files…
            <input
              ref={files} type="file" multiple hidden accept="image/*,.tif,.tiff" data-testid="predict.files-input"
              onChange={(e) => (classifyInput(e.target.files), (e.target.value = ''))}
            />
          </label>
          <label className="button">
            Choose a folder…
            <input
              ref={folder} type="file" hidden data-testid="predict.folder-input" {...{ webkitdirectory: '', directory: '' }}
              onChange={(e) => (classifyInput(e.target.files), (e.target.value = ''))}
            />
          </label>
          <PredictSettings />
        </div>
        <PredictProgress />
      </section>
      {rows.length > 0 && (
        <section className="panel" aria-labelledby="predictions-heading">
          <h2 id="predictions-heading">Predictions</h2>
          <ResultsToolbar filter={filter} onFilter={setFilter} shown={shown.length} />
          <PredictionTable rows={shown} />
        </section>
      )}
    </div>
  );
}

/** Options for the next images classified (rows keep the options they were classified with). */
function PredictSettings() {
  const crop = useStore(effectiveCrop);
  const setCrop = useStore((s) => s.setCropDataBarChoice);
  const tta = useStore((s) => s.tta);
  const setTta = useStore((s) => s.setTta);
  return (
    <>
      <label title="Find the instrument's data bar (caption strip) and cut it off before predicting, as the dataset import does">
        <input type="checkbox" checked={crop} onChange={(e) => setCrop(e.target.checked)} data-testid="predict.crop-bar" /> Crop data bars
      </label>
      <label title="Average the predictions over the 8 flips and 90° rotations of each image: steadier, 8× slower">
        <input type="checkbox" checked={tta} onChange={(e) => setTta(e.target.checked)} data-testid="predict.tta" /> Test-time augmentation (8×)
      </label>
    </>
  );
}
