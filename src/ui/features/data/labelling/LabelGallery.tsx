import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { labelHistoryCsv, labelsCsv } from '../../../../shared/dataset/labels';
import { changeLabels, undoLast } from '../labelActions';
import { downloadText } from '../../../download';
import { useStore } from '../../../store';
import { useDatasetView } from '../datasetView';
import { galleryItems, nextAfterSelection, rangePaths, type GalleryFilter } from '../labelSelectors';
import { GalleryFilters } from './GalleryFilters';
import { CELL_SIZES, GalleryGrid, type CellSize } from './GalleryGrid';
import { ImageDetails } from './ImageDetails';
import { LabelToolbar } from './LabelToolbar';
import { useUndoKey } from './useUndoKey';

interface Selection {
  paths: ReadonlySet<string>;
  anchor: number;
  cursor: number;
}
const NONE: Selection = { paths: new Set(), anchor: -1, cursor: -1 };

/** The Data step's gallery: filter, select, label (keys 1–9, menu, drag onto a class), exclude, delete, undo. */
const SIZE_KEY = 'sem-classifier.gallery-size';

/** The thumbnail size chosen last in this browser (small until one is chosen). */
function storedCellSize(): CellSize {
  try {
    const v = localStorage.getItem(SIZE_KEY);
    return v === 'large' ? 'large' : 'small';
  } catch {
    return 'small';
  }
}

export function LabelGallery() {
  const entries = useStore((s) => s.entries);
  // Not the whole record: it changes when the split grows after each label, which the gallery does not show.
  const crop = useStore((s) => s.meta?.cropDataBar ?? true);
  const name = useStore((s) => s.meta?.name ?? 'dataset');
  const undoText = useStore((s) => s.undoStack[s.undoStack.length - 1]?.summary ?? null);
  const [wanted, setFilter] = useState<GalleryFilter>({ kind: 'all' });
  const { classes, counts } = useDatasetView();
  const filter: GalleryFilter = wanted.kind === 'class' && !classes.includes(wanted.label) ? { kind: 'all' } : wanted;
  const items = useMemo(() => galleryItems(entries, filter), [entries, filter.kind, filter.kind === 'class' ? filter.label : '']); // eslint-disable-line react-hooks/exhaustive-deps
  const keyOf = useMemo(() => new Map(classes.slice(0, 9).map((c, i) => [c, i + 1])), [classes]);
  const [sel, setSel] = useState<Selection>(NONE);
  const [size, setSize] = useState<CellSize>(storedCellSize);
  const chooseSize = (s: CellSize) => {
    setSize(s);
    try {
      localStorage.setItem(SIZE_KEY, s);
    } catch {
      // storage refused (private mode): the choice lasts for this page
    }
  };
  const next = useRef<string | null>(null);
  useUndoKey();

  // Labelled images can leave the filter (Unlabelled): keep what is still shown, else move on to the next image.
  // A layout effect: the selection moves before the next key press is handled (a passive effect could run
  // after it, and a quick second key would then label nothing).
  const indexOf = useMemo(() => new Map(items.map((e, i) => [e.path, i])), [items]);
  useLayoutEffect(() => {
    const after = next.current; // read now: the updater below runs later
    next.current = null;
    setSel((s) => {
      const kept = [...s.paths].filter((p) => indexOf.has(p));
      if (kept.length === s.paths.size) return s;
      if (kept.length === 0 && after && indexOf.has(after)) {
        const i = indexOf.get(after)!;
        return { paths: new Set([after]), anchor: i, cursor: i };
      }
      return { ...s, paths: new Set(kept) };
    });
  }, [indexOf]);

  if (entries.length === 0) return null;
  const selectedPaths = () => items.filter((e) => sel.paths.has(e.path)).map((e) => e.path);
  const label = (value: string | null, paths = selectedPaths()) => {
    next.current = nextAfterSelection(items, new Set(paths));
    changeLabels({ kind: 'label', paths, label: value, origin: 'hand' });
  };
  const selectOnly = (i: number) => setSel({ paths: new Set(items[i] ? [items[i].path] : []), anchor: i, cursor: i });
  const onClick = (i: number, mode: 'only' | 'range' | 'toggle') => {
    if (mode === 'range' && sel.anchor >= 0) setSel({ paths: new Set(rangePaths(items, sel.anchor, i)), anchor: sel.anchor, cursor: i });
    else if (mode === 'toggle') {
      const paths = new Set(sel.paths);
      if (paths.has(items[i].path)) paths.delete(items[i].path);
      else paths.add(items[i].path);
      setSel({ paths, anchor: i, cursor: i });
    } else selectOnly(i);
  };
  const selectAll = () => setSel({ paths: new Set(items.map((e) => e.path)), anchor: 0, cursor: sel.cursor < 0 ? 0 : sel.cursor });
  const onKey = (e: KeyboardEvent<HTMLDivElement>, perRow: number) => {
    const mod = e.ctrlKey || e.metaKey;
    const move = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow }[e.key];
    if (move !== undefined && items.length) {
      e.preventDefault();
      const to = Math.max(0, Math.min(items.length - 1, (sel.cursor < 0 ? 0 : sel.cursor + move)));
      if (e.shiftKey && sel.anchor >= 0) setSel({ paths: new Set(rangePaths(items, sel.anchor, to)), anchor: sel.anchor, cursor: to });
      else selectOnly(to);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selectAll();
    } else if (e.key === 'Escape') setSel(NONE);
    else if (e.key === ' ' && sel.cursor >= 0) {
      e.preventDefault();
      onClick(sel.cursor, 'toggle');
    } else if (!mod && !e.altKey && /^[1-9]$/.test(e.key)) {
      const c = classes[Number(e.key) - 1];
      if (c && sel.paths.size) {
        e.preventDefault();
        label(c);
      }
    }
  };
  const dragPaths = (i: number) => {
    if (sel.paths.has(items[i].path)) return selectedPaths();
    selectOnly(i);
    return [items[i].path];
  };
  const chosen = selectedPaths();
  const single = chosen.length === 1 ? items[indexOf.get(chosen[0])!] : null;

  return (
    <section className="panel" aria-labelledby="data-gallery-heading">
      <div className="row between">
        <h2 id="data-gallery-heading">Images and labels</h2>
        <div className="row">
          <span className="row" role="group" aria-label="Thumbnail size">
            {(Object.keys(CELL_SIZES) as CellSize[]).map((s) => (
              <button key={s} type="button" className={`chip${size === s ? ' active' : ''}`} aria-pressed={size === s}
                data-testid={`dataset.thumbs-${s}`} onClick={() => chooseSize(s)}>
                {s === 'small' ? 'Small thumbnails' : 'Large thumbnails'}
              </button>
            ))}
          </span>
          <button type="button" data-testid="dataset.labels-csv" onClick={() => downloadText(`${name}-labels.csv`, labelsCsv(entries, useStore.getState().meta), 'text/csv')}>
            Labels CSV
          </button>
          <button type="button" data-testid="dataset.labels-history-csv" onClick={() => downloadText(`${name}-label-history.csv`, labelHistoryCsv(useStore.getState().meta?.labelLog ?? []), 'text/csv')}>
            Label history CSV
          </button>
        </div>
      </div>
      <p className="hint">
        Select images (click, Shift-click a range, Ctrl/⌘-click to add, arrows, Ctrl+A for all shown), then press a class&apos;s
        key 1–9, pick a class below, or drag them onto a class. Every change is saved at once; Ctrl/⌘+Z undoes it.
      </p>
      <GalleryFilters filter={filter} classes={classes} counts={counts} onDropLabel={(c, paths) => label(c, paths)}
        onFilter={(f) => { setFilter(f); setSel(NONE); }} />
      <LabelToolbar classes={classes} selectedCount={chosen.length} undoText={undoText}
        allExcluded={chosen.length > 0 && chosen.every((p) => items[indexOf.get(p)!]?.excluded)}
        onLabel={(v) => label(v)} onExclude={(x) => changeLabels({ kind: 'exclude', paths: chosen, excluded: x })}
        onDelete={() => { next.current = nextAfterSelection(items, new Set(chosen)); changeLabels({ kind: 'delete', paths: chosen }); }}
        onUndo={() => undoLast()} onSelectAll={selectAll} onClear={() => setSel(NONE)} />
      <div className="label-layout">
        <GalleryGrid items={items} selected={sel.paths} cursor={sel.cursor} crop={crop} keyOf={keyOf} onClick={onClick} onKey={onKey} dragPaths={dragPaths} size={size} />
        {single && <ImageDetails entry={single} classes={classes} crop={crop} />}
      </div>
    </section>
  );
}
