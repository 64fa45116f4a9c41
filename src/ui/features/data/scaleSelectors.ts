// The Data view's magnification shortcut check (src/shared/dataset/magShortcut.ts) over the stored dataset.
import { MAG_WARN_ACCURACY, scaleShortcut, type ScaleCheck } from '../../../shared/dataset/magShortcut';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { formatMagnification, formatPixelSize } from './instrumentPhrasing';

/** Over the images training would use: labelled, neither they nor their class excluded. Null without scales. */
export function scaleCheck(entries: readonly DatasetEntry[], meta: DatasetMeta | null): ScaleCheck | null {
  const excluded = new Set(meta?.excluded ?? []);
  const items = entries
    .filter((e): e is DatasetEntry & { label: string } => e.label !== null && !e.excluded && !excluded.has(e.label))
    .map((e) => ({ label: e.label, pixelSizeNm: e.instrument?.pixelSizeNm ?? null, magnification: e.instrument?.magnification ?? null }));
  return items.length ? scaleShortcut(items) : null;
}

export function formatScale(check: Pick<ScaleCheck, 'quantity'>, value: number): string {
  return check.quantity === 'pixelSizeNm' ? formatPixelSize(value) : formatMagnification(value);
}

/** The warning's sentence, null when the classes overlap in scale. */
export function magWarning(check: ScaleCheck | null): string | null {
  if (!check?.warn || check.balancedAccuracy === null) return null;
  const what = check.quantity === 'pixelSizeNm' ? 'pixel size' : 'magnification';
  const finding = check.balancedAccuracy >= MAG_WARN_ACCURACY
    ? `Classes differ by ${what}: the ${what} alone tells them apart (balanced accuracy ${check.balancedAccuracy.toFixed(2)})`
    : `${check.separated.map((c) => `"${c}"`).join(', ')} ${check.separated.length > 1 ? 'stand' : 'stands'} apart by ${what}: the ${what} alone picks ${check.separated.length > 1 ? 'them' : 'it'} out`;
  return `${finding}, so a model could learn the scale instead of the structure. Add images of each class taken at the ` +
    'others\' scales, or check the model on images at a new magnification.';
}
