// Published results to compare a run against, and the user's own reference rows.

export interface ReferenceResult {
  name: string;
  /** 0..1, null when not published */
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  note: string;
}

export const PUBLISHED_REFERENCES: readonly ReferenceResult[] = [
  {
    name: 'Modarres et al. 2017 (Inception-v3)',
    accuracy: 0.89, precision: 0.8, recall: 0.89, f1: null,
    note: 'Sci Rep 7:13282, ~18,600 SEM images, 10 classes; accuracy reported as ~88–90 %, macro precision ~0.80, macro recall ~0.89',
  },
  {
    name: 'fastai ResNet50, progressive resizing',
    accuracy: 0.945, precision: 0.942, recall: 0.918, f1: null,
    note: 'same 10 SEM classes, fine_tune with progressive resizing',
  },
];

/**
 * A score the user typed: `0.88`, `88%` or `88` (read as percent when above 1); empty means unknown.
 * Returns an error message for anything else.
 */
export function parseScore(text: string): { value: number | null } | { error: string } {
  const t = text.trim().replace(',', '.');
  if (t === '') return { value: null };
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(t);
  if (!m) return { error: `"${text}" is not a number: write 0.88 or 88%.` };
  let v = Number(m[1]);
  if (m[2] === '%' || v > 1) v /= 100;
  if (v > 1) return { error: `"${text}" is above 100 %.` };
  return { value: v };
}
