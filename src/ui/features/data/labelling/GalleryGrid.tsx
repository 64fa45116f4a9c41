import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { DatasetEntry } from '../../../../shared/dataset/records';
import { visibleRows } from '../datasetSelectors';
import { instrumentSummary, pixelNmAttr } from '../instrumentPhrasing';
import { Thumb } from '../Thumb';

/**
 * Cell sizes: small shows many frames (the 64 px stored thumbnail); large shows a 160 px view of each from the
 * stored copy, big enough to tell SEM textures apart by eye. The grid is taller with large cells.
 */
export const CELL_SIZES = {
  small: { cell: 80, image: 60, which: 'thumb', viewport: 400 },
  large: { cell: 176, image: 160, which: 'bytes', viewport: 560 },
} as const;
export type CellSize = keyof typeof CELL_SIZES;
export const DRAG_TYPE = 'application/x-sem-paths';

interface Props {
  items: readonly DatasetEntry[];
  selected: ReadonlySet<string>;
  cursor: number;
  crop: boolean;
  /** key number (1–9) of each class, for the badges */
  keyOf: ReadonlyMap<string, number>;
  onClick: (index: number, mode: 'only' | 'range' | 'toggle') => void;
  onKey: (e: KeyboardEvent<HTMLDivElement>, perRow: number) => void;
  /** paths a drag carries, starting from the cell at index */
  dragPaths: (index: number) => string[];
  size?: CellSize;
}

/**
 * The labelling gallery's thumbnails, virtualised: only rows in view are mounted, so 20,000 images cost a
 * few dozen cells, and each thumbnail is read from IndexedDB only while mounted. The grid takes the keys.
 */
export function GalleryGrid({ items, selected, cursor, crop, keyOf, onClick, onKey, dragPaths, size = 'small' }: Props) {
  const look = CELL_SIZES[size];
  const { cell: CELL, viewport: VIEWPORT } = look;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const perRow = Math.max(1, Math.floor(width / CELL));
  const rowCount = Math.ceil(items.length / perRow);
  // Keep the cursor's row in view when the keys move it.
  useEffect(() => {
    const el = box.current;
    if (!el || cursor < 0) return;
    const top = Math.floor(cursor / perRow) * CELL;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + CELL > el.scrollTop + VIEWPORT) el.scrollTop = top + CELL - VIEWPORT;
  }, [cursor, perRow, CELL, VIEWPORT]);
  const [start, end] = visibleRows(scrollTop, VIEWPORT, CELL, rowCount);
  // The latest handlers, read by the cells when an event comes: the cells need not re-render for new ones.
  const handlers = useRef({ onClick, dragPaths });
  useLayoutEffect(() => {
    handlers.current = { onClick, dragPaths };
  });

  return (
    <div
      ref={box}
      className="gallery label-grid"
      style={{ height: VIEWPORT }}
      tabIndex={0}
      role="listbox"
      aria-multiselectable="true"
      aria-label="Images: click, shift-click or ctrl-click to select, arrows to move, 1–9 to label, Ctrl+Z to undo"
      data-testid="dataset.gallery"
      data-count={items.length}
      data-size={size}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={(e) => onKey(e, perRow)}
    >
      {/* Cells sit directly in the sized box, keyed by path: when a label removes one from the filter the
          others only move (a new style), instead of being remounted in another row and re-reading their thumbnails.
          Each cell is memoised: a key press re-renders the cells whose image, place or selection changed. */}
      <div style={{ height: rowCount * CELL, position: 'relative' }}>
        {items.slice(start * perRow, end * perRow).map((e, k) => {
          const index = start * perRow + k;
          return (
            <Cell key={e.path} entry={e} index={index} top={Math.floor(index / perRow) * CELL} left={(index % perRow) * CELL} selected={selected.has(e.path)}
              cursor={index === cursor} crop={crop} keyNumber={e.label === null ? undefined : keyOf.get(e.label)} box={box} handlers={handlers} look={look} />
          );
        })}
      </div>
    </div>
  );
}

interface CellProps {
  entry: DatasetEntry;
  index: number;
  top: number;
  left: number;
  selected: boolean;
  cursor: boolean;
  crop: boolean;
  keyNumber: number | undefined;
  box: RefObject<HTMLDivElement | null>;
  handlers: RefObject<Pick<Props, 'onClick' | 'dragPaths'>>;
  look: (typeof CELL_SIZES)[CellSize];
}

const Cell = memo(function Cell({ entry: e, index, top, left, selected, cursor, crop, keyNumber, box, handlers, look }: CellProps) {
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`gallery-cell label-cell${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}${e.excluded ? ' excluded' : ''}`}
      style={{ width: look.cell, height: look.cell, position: 'absolute', top, left }}
      title={`${e.path}${e.label ? ` · ${e.label}` : ' · unlabelled'}${e.excluded ? ' · excluded from training' : ''}${e.instrument ? `\n${instrumentSummary(e.instrument)}` : ''}`}
      data-testid="dataset.image"
      data-file={e.path}
      data-class={e.label ?? ''}
      data-selected={selected}
      data-excluded={!!e.excluded}
      data-pixel-nm={pixelNmAttr(e.instrument)}
      draggable
      onDragStart={(ev) => {
        ev.dataTransfer.setData(DRAG_TYPE, JSON.stringify(handlers.current.dragPaths(index)));
        ev.dataTransfer.effectAllowed = 'move';
      }}
      onClick={(ev) => {
        box.current?.focus({ preventScroll: true });
        handlers.current.onClick(index, ev.shiftKey ? 'range' : ev.ctrlKey || ev.metaKey ? 'toggle' : 'only');
      }}
    >
      <Thumb entry={e} crop={crop} size={look.image} which={look.which} />
      <span className="cell-label" style={{ maxWidth: look.cell - 4 }}>{e.label === null ? '—' : `${keyNumber ? `${keyNumber} · ` : ''}${e.label}`}</span>
    </div>
  );
});
