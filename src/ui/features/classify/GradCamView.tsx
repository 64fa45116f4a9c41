import { useEffect, useId, useRef, useState } from 'react';
import type { GradCamResult } from '../../../shared/predict';
import { heatToRgba, viridisGradient } from './colormap';

export interface GradCamViewProps {
  /**
   * Asks the compute worker for the heat map, e.g. `(signal) => gradCam({ file, name, classIndex }, signal)`
   * or `{ hash, name }` for a stored dataset image. The result carries the exact square the network saw,
   * which is what the map is drawn over.
   */
  request: (signal: AbortSignal) => Promise<GradCamResult>;
  /** file name, for the canvas' accessible name */
  name: string;
  /** CSS size of the square drawing */
  size?: number;
}

function toCanvas(width: number, height: number, data: Uint8ClampedArray): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
  return c;
}

/** An image with its Grad-CAM heat map over it (viridis), an opacity slider and a caption. */
export function GradCamView({ request, name, size = 320 }: GradCamViewProps) {
  const [result, setResult] = useState<GradCamResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opacity, setOpacity] = useState(0.5);
  const canvas = useRef<HTMLCanvasElement>(null);
  const sliderId = useId();

  useEffect(() => {
    const ctrl = new AbortController();
    request(ctrl.signal).then(
      (r) => setResult(r),
      (e: Error) => {
        if (e.name !== 'AbortError') setError(e.message);
      },
    );
    return () => ctrl.abort();
  }, [request]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !result) return;
    const { image } = result;
    el.width = image.width;
    el.height = image.height;
    const ctx = el.getContext('2d')!;
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.drawImage(toCanvas(image.width, image.height, image.data), 0, 0);
    ctx.globalAlpha = opacity;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(toCanvas(result.width, result.height, heatToRgba(result.heat)), 0, 0, el.width, el.height);
    ctx.globalAlpha = 1;
  }, [result, opacity]);

  const state = error ? 'error' : result ? 'ready' : 'loading';
  return (
    <figure className="gradcam">
      {error && <p className="error" role="alert">Grad-CAM failed: {error}</p>}
      {!error && (
        <canvas
          ref={canvas}
          data-testid="gradcam.canvas"
          data-state={state}
          data-label={result?.label ?? ''}
          role="img"
          aria-label={result ? `Grad-CAM heat map of ${name} for ${result.label}` : `Computing the Grad-CAM heat map of ${name}`}
          style={{ width: size, height: size }}
        />
      )}
      {state === 'loading' && <p className="muted" aria-live="polite">Computing the heat map…</p>}
      {result && (
        <figcaption>
          <p>
            Which region drove the prediction of <b>{result.label}</b> ({(result.probability * 100).toFixed(1)}%): bright is
            where the network's features raised that class's score most ({result.gridWidth} × {result.gridHeight} grid, upsampled).
            {result.heat.every((v) => v === 0) && <span className="warn"> No region raised the score of this class.</span>}
          </p>
          <div className="gradcam-legend" aria-hidden="true">
            <span>low</span>
            <span className="gradcam-ramp" style={{ background: viridisGradient() }} />
            <span>high</span>
          </div>
          <label htmlFor={sliderId}>Heat map opacity </label>
          <input id={sliderId} type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} />
        </figcaption>
      )}
    </figure>
  );
}
