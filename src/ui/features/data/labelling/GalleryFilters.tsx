import type { DragEvent } from 'react';
import type { GalleryFilter } from '../labelSelectors';
import { DRAG_TYPE } from './GalleryGrid';

interface Props {
  filter: GalleryFilter;
  classes: readonly string[];
  counts: { all: number; unlabelled: number; excluded: number; byClass: ReadonlyMap<string, number> };
  onFilter: (f: GalleryFilter) => void;
  /** images dragged onto a class chip */
  onDropLabel: (label: string, paths: string[]) => void;
}

const same = (a: GalleryFilter, b: GalleryFilter) => a.kind === b.kind && (a.kind !== 'class' || (b.kind === 'class' && a.label === b.label));

/** Which images the gallery shows; class chips show their key (1–9) and take dragged images. */
export function GalleryFilters({ filter, classes, counts, onFilter, onDropLabel }: Props) {
  const chip = (f: GalleryFilter, text: React.ReactNode, testId: string, extra: Record<string, string | number> = {}) => (
    <button type="button" className={`chip${same(f, filter) ? ' active' : ''}`} aria-pressed={same(f, filter)} data-testid={testId} onClick={() => onFilter(f)} {...extra}>
      {text}
    </button>
  );
  const dropOn = (label: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    },
    onDrop: (e: DragEvent) => {
      const raw = e.dataTransfer.getData(DRAG_TYPE);
      if (!raw) return;
      e.preventDefault();
      e.stopPropagation();
      onDropLabel(label, JSON.parse(raw) as string[]);
    },
  });
  return (
    <div className="row chips" role="toolbar" aria-label="Show images">
      {chip({ kind: 'all' }, <>All <span className="count">{counts.all}</span></>, 'dataset.filter-all')}
      {chip(
        { kind: 'unlabelled' },
        <>Unlabelled <span className="count" data-testid="dataset.unlabelled" data-count={counts.unlabelled}>{counts.unlabelled}</span></>,
        'dataset.filter-unlabelled',
      )}
      {classes.map((c, i) => (
        <span key={c} {...dropOn(c)} className="chip-drop">
          {chip(
            { kind: 'class', label: c },
            <>{i < 9 && <kbd>{i + 1}</kbd>} {c} <span className="count">{counts.byClass.get(c) ?? 0}</span></>,
            'dataset.filter-class',
            { 'data-class': c, 'data-key': i < 9 ? i + 1 : '', title: `Show ${c}${i < 9 ? `; key ${i + 1} labels the selection ${c}` : ''}; drop images here to label them` },
          )}
        </span>
      ))}
      {counts.excluded > 0 && chip({ kind: 'excluded' }, <>Excluded <span className="count">{counts.excluded}</span></>, 'dataset.filter-excluded')}
    </div>
  );
}
