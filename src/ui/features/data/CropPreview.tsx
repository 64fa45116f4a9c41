import { useStore } from '../../store';
import { selectDatasetView } from './datasetView';
import { Thumb } from './Thumb';

/** A few images with a detected bar: the original with the bar outlined next to what training sees. */
export function CropPreview() {
  const crop = useStore((s) => s.meta?.cropDataBar ?? true);
  // Spread over the dataset rather than the first three files of one class (datasetView.ts).
  const samples = useStore((s) => selectDatasetView(s).barSamples);
  if (samples.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="data-crop-heading">
      <h2 id="data-crop-heading">Data-bar crop</h2>
      <p className="hint">
        Left: stored frame with the detected instrument bar outlined; the dashed line is the crop line, and everything below it (the bar and any image under it) is cut. Right: what training uses
        {crop ? ' (bar cropped off).' : ' (cropping is off: the bar stays in).'}
      </p>
      <div className="crop-preview">
        {samples.map((e) => (
          <figure key={e.path}>
            <div className="row">
              <Thumb entry={e} crop={false} size={200} which="bytes" outline />
              <Thumb entry={e} crop={crop} size={200} which="bytes" />
            </div>
            <figcaption className="path">
              {e.path}
              {e.dataBar.bottom < e.height && (
                <span className="hint" data-testid="data.crop-below"> · {e.height - e.dataBar.bottom} rows of image below the bar are cut too</span>
              )}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
