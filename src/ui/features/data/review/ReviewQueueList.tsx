import { memo, useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import type { QueueItem } from '../labelSelectors';
import { Thumb } from '../Thumb';

// Every queued image has its element (review.item, in queue order), so a page can count and read them
// all; each is a light box, and only the rows scrolled into view (and a few around) read their thumbnail.
// Items are memoised on their queue item, which stays the same object while its image and prediction do
// (labelSelectors.reviewQueue): labelling the first of 5,000 re-renders the one that becomes current.
const ITEM_W = 64;
const ITEM_H = 74;
const GAP = 4;
const VIEWPORT = 260;
const OVERSCAN_ROWS = 2;

interface Props {
  queue: readonly QueueItem[];
  crop: boolean;
  box: RefObject<HTMLDivElement | null>;
  onKey: (e: KeyboardEvent<HTMLDivElement>) => void;
}

export function ReviewQueueList({ queue, crop, box, onKey }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [box]);
  const perRow = Math.max(1, Math.floor((width - 2 * GAP + GAP) / (ITEM_W + GAP)));
  const firstRow = Math.max(0, Math.floor(scrollTop / (ITEM_H + GAP)) - OVERSCAN_ROWS);
  const lastRow = Math.ceil((scrollTop + VIEWPORT) / (ITEM_H + GAP)) + OVERSCAN_ROWS;
  const [from, to] = [firstRow * perRow, lastRow * perRow];
  return (
    <div ref={box} className="review-queue" tabIndex={0} role="list" aria-label="Review queue (Enter accepts, 1–9 relabels, Space skips, Backspace undoes)"
      style={{ maxHeight: VIEWPORT }} data-testid="review.queue" data-count={queue.length} onKeyDown={onKey}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      {queue.map((q, i) => <Item key={q.id} q={q} current={i === 0} crop={crop} thumb={i >= from && i < to} />)}
    </div>
  );
}

const Item = memo(function Item({ q, current, crop, thumb }: { q: QueueItem; current: boolean; crop: boolean; thumb: boolean }) {
  return (
    <div role="listitem" className={`review-item${current ? ' current' : ''}${q.unfamiliar ? ' unfamiliar' : ''}`} style={{ width: ITEM_W, height: ITEM_H }}
      data-testid="review.item" data-file={q.id} data-pred={q.pred} data-confidence={q.scored.confidence.toFixed(4)}
      data-margin={q.scored.margin.toFixed(4)} data-entropy={q.scored.entropy.toFixed(4)} data-unfamiliar={String(q.unfamiliar)}
      title={`${q.id}: ${q.pred} ${(q.scored.confidence * 100).toFixed(1)} %${q.unfamiliar ? ' · unlike every class’s training images' : ''}`}>
      {thumb ? <Thumb entry={q.entry} crop={crop} size={56} /> : <span className="thumb-box" style={{ width: 56, height: 56 }} />}
      <span className="cell-label">{q.pred} {(q.scored.confidence * 100).toFixed(0)}%</span>
    </div>
  );
});
