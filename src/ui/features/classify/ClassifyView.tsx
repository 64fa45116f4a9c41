import { useMemo, useRef, useState } from 'react';
import { DropZone } from '../../components/DropZone';
import { trainedHere } from '../../../shared/modelOrigin';
import { useStore } from '../../store';
import { filterPredictions, NO_FILTER, type PredictionFilter } from './classifySelectors';
import { classifyDrop, classifyInput, effectiveCrop } from './classifyRun';
import { PredictionTable } from './PredictionTable';
import { PredictProgress } from './PredictProgress';
import { ResultsToolbar } from './ResultsToolbar';
import { BundleProgressBar } from '../share/BundleProgressBar';
import { useUsedSummary } from '../data/datasetView';
import { NextStep } from '../steps/NextStep';
import { ClassifyTruth } from './ClassifyTruth';

/** What Classify would use now, in words: a model still loading, or a head that was never trained. */
function ModelState() {
  const model = useStore((s) => s.model);
  const importing = useStore((s) => s.bundleJob === 'importing');
  const loading = useStore((s) => s.modelState === 'loading');
  const setStep = useStore((s) => s.setStep);
  const classes = useUsedSummary().classNames;
  if (importing) {
    return (
      <div data-testid="predict.model-loading" role="status">
        <p>Loading the model bundle: images can be classified once it is in.</p>
        <BundleProgressBar />
      </div>
    );
  }
  if (loading) return <p data-testid="predict.model-loading" role="status">Loading the network…</p>;
  if (!model || model.headTrained) return null;
  return (
    <p className="warn" role="note" data-testid="predict.untrained">
      {classes.length > 0
        ? <>No model has been trained on your {classes.length} classes ({classes.join(', ')}) yet: until then every prediction is a random score over placeholder classes. </>
        : <>No trained model yet: the network&apos;s head is untrained, so every prediction would be a random score. </>}
      <button type="button" className="link" onClick={() => setStep('train')}>Train a model</button> or{' '}
      <button type="button" className="link" onClick={() => setStep('share')}>import a trained bundle</button> for meaningful results.
    </p>
  );
}

export function ClassifyView() {
  const model = useStore((s) => s.model);
  const modelBusy = useStore((s) => s.bundleJob === 'importing' || s.modelState === 'loading');
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
        <ModelState />
        <DropZone
          disabled={modelBusy}
          label="press Enter to choose files"
          onActivate={() => files.current?.click()}
          onDropData={classifyDrop}
        >
          {modelBusy ? 'Waiting for the model to load…' : ready ? 'Drop SEM images or whole folders here, or click to choose files (JPEG, PNG, TIFF, BMP, GIF, WebP)' : 'Waiting for the compute worker…'}
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
          {model?.headTrained && trainedHere(model) && <NextStep to="share" note="Download the model as one file, or put it on the site with a link to it." />}
        </section>
      )}
      <ClassifyTruth />
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
