import { useEffect, useMemo, useRef, useState } from 'react';
import type { RgbaImage } from '../../../shared/protocol';
import type { AugToggles } from '../../../shared/train/augToggles';
import { augmentPreview } from '../../bridge';
import { useStore } from '../../store';

interface Props {
  augment: AugToggles;
  /** image side the preview renders at (the schedule's last size: what training sees) */
  size: number;
  seed: number;
  disabled: boolean;
}

/** Training images to choose from: the first ones by path (the list would be useless with thousands). */
const MAX_CHOICES = 40;

function Tile({ image }: { image: RgbaImage }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} className="aug-tile" />;
}

/** What aug_transforms does to one training image: 8 draws with the current switches, from the worker. */
export function AugPreview({ augment, size, seed, disabled }: Props) {
  const entries = useStore((s) => s.entries);
  const meta = useStore((s) => s.meta);
  const state = useStore((s) => s.augState);
  const images = useStore((s) => s.augImages);
  const name = useStore((s) => s.augName);
  const error = useStore((s) => s.augError);
  const [hash, setHash] = useState<string>('');
  const [draw, setDraw] = useState(0);
  const choices = useMemo(() => {
    const assign = meta?.split?.assign ?? {};
    const excluded = new Set(meta?.excluded ?? []);
    return entries
      .filter((e) => e.label !== null && !excluded.has(e.label) && assign[e.path] === 'train')
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, MAX_CHOICES);
  }, [entries, meta]);
  const run = () => {
    const s = useStore.getState();
    s.augPreviewStarted();
    const next = draw + 1;
    setDraw(next);
    augmentPreview(s.projectId, hash || null, size, augment, seed * 1000 + next).then(
      (r) => useStore.getState().augPreviewFinished(r.name, r.images),
      (e: unknown) => useStore.getState().augPreviewFailed(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <section className="aug-preview-panel" aria-labelledby="aug-preview-heading">
      <h3 id="aug-preview-heading" className="subhead">Augmentation preview</h3>
      <div className="row">
        <label>
          Preview image{' '}
          <select data-testid="train.aug-image" value={hash} onChange={(e) => setHash(e.target.value)} disabled={disabled}>
            <option value="">random training image</option>
            {choices.map((e) => <option key={e.hash + e.path} value={e.hash}>{e.path}</option>)}
          </select>
        </label>
        <button type="button" data-testid="train.aug-preview-run" disabled={disabled || choices.length === 0 || state === 'running'} onClick={run}>
          {images.length ? 'Draw again' : 'Preview augmentation'}
        </button>
        {state === 'running' && <span className="muted">rendering…</span>}
      </div>
      {state === 'error' && <p role="alert" className="error">{error}</p>}
      {images.length > 0 && (
        <figure className="aug-grid-figure">
          <div className="aug-grid" data-testid="train.aug-preview" data-count={images.length} data-size={images[0].width}>
            {images.map((img, i) => <Tile key={`${draw}-${i}`} image={img} />)}
          </div>
          <figcaption className="muted">{name}: 8 draws at {images[0].width} px, as a training batch would see it.</figcaption>
        </figure>
      )}
    </section>
  );
}
