// Counts and ranges in words a person would write (no "file(s)", no "256–256").
import type { SizeSummary } from './datasetSelectors';

import { count } from '../../../shared/words';

export { count };

/** The image sizes of a dataset: "all 256 × 192 px", "256 × 144 to 512 × 384 px; most often 512 × 384 (40 images)". */
export function describeSizes(s: SizeSummary): string {
  const same = s.minWidth === s.maxWidth && s.minHeight === s.maxHeight;
  if (same) return `all ${s.minWidth} × ${s.minHeight} px`;
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  const text = `widths ${range(s.minWidth, s.maxWidth)} px, heights ${range(s.minHeight, s.maxHeight)} px`;
  return s.common ? `${text}; most often ${s.common.size} (${count(s.common.count, 'image')})` : text;
}

/** What the import left out: "none", "2 files (listed below), 1 of them an exact duplicate; 3 hidden files skipped". */
export function describeUnused(issues: number, duplicates: number, hidden: number): string {
  const parts: string[] = [];
  const dupes = duplicates === 0 ? ''
    : duplicates === issues ? (issues === 1 ? ', an exact duplicate' : ', all exact duplicates')
      : duplicates === 1 ? ', 1 of them an exact duplicate' : `, ${duplicates} of them exact duplicates`;
  if (issues > 0) parts.push(`${count(issues, 'file')} (listed below)${dupes}`);
  if (hidden > 0) parts.push(`${count(hidden, 'hidden or system file')} skipped`);
  return parts.length ? parts.join('; ') : 'none: every file was an image the app could read';
}
