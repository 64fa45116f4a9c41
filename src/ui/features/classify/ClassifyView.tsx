import { useRef, useState } from 'react';
import { classify } from '../../bridge';
import { DropZone } from '../../components/DropZone';
import { useStore } from '../../store';
import { PredictionTable } from './PredictionTable';

const IMAGE = /\.(jpe?g|png|bmp|gif|webp|tiff?)$/i;
let rowId = 1;

async function classifyFiles(files: File[]): Promise<void> {
  const s = useStore.getState();
  for (const file of files.filter((f) => IMAGE.test(f.name))) {
    const id = rowId++;
    const name = file.webkitRelativePath || file.name;
    // Browsers cannot show TIFF: no thumbnail for those, the table still lists them.
    const thumbUrl = /\.tiff?$/i.test(file.name) ? null : URL.createObjectURL(file);
    s.predictionQueued({ id, file: name, thumbUrl });
    classify(file).then(
      (top) => useStore.getState().predictionDone(id, top, 0),
      (e: Error) => useStore.getState().predictionFailed(id, e.message),
    );
  }
}

export function ClassifyView() {
  const model = useStore((s) => s.model);
  const ready = useStore((s) => s.ready);
  const count = useStore((s) => s.predictions.length);
  const clear = useStore((s) => s.clearPredictions);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

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
          label="Drop images to classify, or press Enter to choose files"
          over={over}
          onActivate={() => input.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setOver(false);
            void classifyFiles(Array.from(e.dataTransfer.files));
          }}
        >
          {ready ? 'Drop SEM images here, or click to choose (JPEG, PNG, TIFF, BMP, GIF, WebP)' : 'Waiting for the compute worker…'}
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept="image/*,.tif,.tiff"
            data-testid="predict.files-input"
            onChange={(e) => {
              void classifyFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </DropZone>
        {count > 0 && <button type="button" onClick={clear}>Clear {count} result{count > 1 ? 's' : ''}</button>}
        <PredictionTable />
      </section>
    </div>
  );
}
