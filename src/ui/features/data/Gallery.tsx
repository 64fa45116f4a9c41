import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { classRows, entriesOfClass, visibleRows } from '../../store/datasetSelectors';
import { Thumb } from './Thumb';

const CELL = 76; // px, thumbnail (64) plus gap
const VIEWPORT = 380;

/**
 * Thumbnails of one class, virtualised: only the rows in view are mounted, so a 20,000-image class costs
 * a few dozen <img> elements, and each thumbnail is read from IndexedDB only while it is mounted.
 */
export function Gallery() {
  const entries = useStore((s) => s.entries);
  const meta = useStore((s) => s.meta);
  const labels = useMemo(() => classRows(entries, meta).map((r) => r.label), [entries, meta]);
  const [chosen, setChosen] = useState<string | null>(null);
  const label = chosen !== null && labels.includes(chosen) ? chosen : (labels[0] ?? null);
  const items = useMemo(() => entriesOfClass(entries, label), [entries, label]);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [scrollTop, setScrollTop] = useState(0);

  const shown = entries.length > 0;
  // Re-run when the gallery appears: it renders nothing (no box to observe) until a dataset exists.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [shown]);

  if (!shown) return null;
  const perRow = Math.max(1, Math.floor(width / CELL));
  const rowCount = Math.ceil(items.length / perRow);
  const [start, end] = visibleRows(scrollTop, VIEWPORT, CELL, rowCount);
  const crop = meta?.cropDataBar ?? true;

  return (
    <section className="panel" aria-labelledby="data-gallery-heading">
      <h2 id="data-gallery-heading">Images</h2>
      {labels.length > 0 && (
        <label>
          Class{' '}
          <select
            aria-label="Class shown in the gallery"
            value={label ?? ''}
            onChange={(e) => {
              setChosen(e.target.value);
              setScrollTop(0);
              if (box.current) box.current.scrollTop = 0;
            }}
          >
            {labels.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
      )}{' '}
      <span className="muted">{items.length} images</span>
      <div
        ref={box}
        className="gallery"
        style={{ height: VIEWPORT }}
        tabIndex={0}
        role="region"
        aria-label={`Thumbnails of class ${label ?? ''} (scroll with arrow keys)`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rowCount * CELL, position: 'relative' }}>
          {Array.from({ length: end - start }, (_, k) => {
            const row = start + k;
            return (
              <div key={row} className="gallery-row" style={{ top: row * CELL, height: CELL }}>
                {items.slice(row * perRow, (row + 1) * perRow).map((e) => (
                  <span key={e.path} className="gallery-cell" title={e.path} style={{ width: CELL }}>
                    <Thumb entry={e} crop={crop} size={64} />
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
