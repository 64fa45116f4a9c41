// A classified folder that is laid out like a dataset (one subfolder per class) carries its own answers:
// the folder names are the ground truth, so Classify can report a held-out test accuracy as labs do.

/** Index of the class an image's folders name (the nearest folder that is a class name wins), or -1. */
export function groundTruthLabel(path: string, classNames: readonly string[]): number {
  const folders = path.split('/').slice(0, -1).reverse();
  for (const f of folders) {
    const exact = classNames.indexOf(f);
    if (exact >= 0) return exact;
    const folded = classNames.findIndex((c) => c.toLowerCase() === f.toLowerCase());
    if (folded >= 0) return folded;
  }
  return -1;
}

export interface TruthRow {
  id: number;
  file: string;
  probs: readonly number[] | null;
  classNames: readonly string[] | null;
}

export interface LabelledSet {
  classNames: string[];
  /** one per image whose folder names a class: its row id, path, true class index and probabilities */
  items: { id: number; path: string; label: number; probs: number[] }[];
  /** classified images with no class folder above them */
  unlabelled: number;
}

/** The classified images whose folders name one of the model's classes, with their true class. */
export function labelledSet(rows: readonly TruthRow[]): LabelledSet | null {
  const done = rows.filter((r) => r.probs && r.classNames);
  if (!done.length) return null;
  const classNames = [...done[done.length - 1].classNames!];
  const items: LabelledSet['items'] = [];
  let unlabelled = 0;
  for (const r of done) {
    // Rows classified by an earlier model (other classes) are not comparable: leave them out.
    if (r.classNames!.length !== classNames.length || r.classNames!.some((c, i) => c !== classNames[i])) continue;
    const label = groundTruthLabel(r.file, classNames);
    if (label < 0) unlabelled++;
    else items.push({ id: r.id, path: r.file, label, probs: [...r.probs!] });
  }
  return items.length ? { classNames, items, unlabelled } : null;
}
