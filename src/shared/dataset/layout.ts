// Reading a dataset's meaning out of its folder structure.
//
// Supported layouts (the dropped folder's name is the first path segment, as `traverse.ts` produces):
//   root/<class>/**/img           labelled: the label is the first folder under the root, deeper folders
//                                  (sessions, magnifications…) belong to it
//   root/{train,valid|val,test}/<class>/**/img   labelled with a preset split (folder names in any case)
//   root/img, or loose files      unlabelled, for prediction, or to label in the app when class folders
//                                  sit next to them
// Several folders dropped side by side act as the class folders of a virtual root.

export type SplitName = 'train' | 'valid' | 'test';

export interface LayoutFile {
  /** The path as given (relative to the drop). */
  path: string;
  label: string | null;
  presetSplit: SplitName | null;
  /** The instrument's `.txt` sidecar beside it (JEOL, Hitachi), when there is one (`pairSidecars`). */
  sidecar?: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DatasetLayout {
  kind: 'classes' | 'splits' | 'unlabelled' | 'empty';
  /** Folder prefix taken as the dataset root, '' when the drop itself is the root (e.g. `root` or `a/b`). */
  root: string;
  /** Images in input order. */
  files: LayoutFile[];
  /** Non-images (sidecars paired with their image excepted) and images that do not fit the layout, with a reason a user can read. */
  skipped: SkippedFile[];
  /** Hidden and system files (`.DS_Store`, `Thumbs.db`, `__MACOSX/`…): not worth a row each, only counted. */
  hiddenCount: number;
  /** Sorted label names. */
  classes: string[];
}

export const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'bmp', 'gif', 'webp', 'tif', 'tiff'];

const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db', '__macosx', '$recycle.bin', 'system volume information']);

// A Map, not an object: folder names come from the user's disk, and `constructor` or `__proto__` must not
// find Object.prototype's members.
const SPLIT_FOLDERS = new Map<string, SplitName>(Object.entries({
  train: 'train',
  training: 'train',
  valid: 'valid',
  val: 'valid',
  validation: 'valid',
  test: 'test',
  testing: 'test',
} satisfies Record<string, SplitName>));

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.includes(extensionOf(path));
}

const stemOf = (path: string): string => {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
};

/**
 * Instrument sidecars: JEOL and Hitachi SEMs write `<name>.txt` next to `<name>.<image ext>`. Image path →
 * its sidecar's path, for every `.txt` with an image of the same name in the same folder (the extension's
 * case aside); a `.txt` with no such image (a readme, notes) pairs with nothing and stays a listed file.
 */
export function pairSidecars(paths: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const p of paths) if (extensionOf(p) === 'txt') texts.set(stemOf(p), p);
  const pairs = new Map<string, string>();
  if (texts.size === 0) return pairs;
  for (const p of paths) {
    if (!isImagePath(p)) continue;
    const txt = texts.get(stemOf(p));
    if (txt !== undefined) pairs.set(p, txt);
  }
  return pairs;
}

/** Dot-files and dot-folders (incl. macOS `._x.jpg` resource forks), and OS litter. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') || SYSTEM_NAMES.has(seg.toLowerCase()));
}

export function splitFolderName(segment: string): SplitName | null {
  return SPLIT_FOLDERS.get(segment.toLowerCase()) ?? null;
}

export function classifyPaths(paths: readonly string[]): DatasetLayout {
  const skipped: SkippedFile[] = [];
  let hiddenCount = 0;
  const images: { path: string; segs: string[] }[] = [];
  const sidecars = pairSidecars(paths.filter((p) => !isHiddenPath(p)));
  const paired = new Set(sidecars.values());
  for (const path of paths) {
    if (isHiddenPath(path)) {
      hiddenCount++;
    } else if (paired.has(path)) {
      // read with its image
    } else if (!isImagePath(path)) {
      const ext = extensionOf(path);
      skipped.push({ path, reason: ext ? `not an image (.${ext})` : 'not an image (no extension)' });
    } else {
      images.push({ path, segs: path.split('/').filter((s) => s !== '') });
    }
  }
  if (images.length === 0) return { kind: 'empty', root: '', files: [], skipped, hiddenCount, classes: [] };

  const depth = rootDepth(images.map((i) => i.segs));
  const root = images[0].segs.slice(0, depth).join('/');
  const rel = images.map((i) => ({ path: i.path, segs: i.segs.slice(depth) }));

  const top = new Set(rel.filter((r) => r.segs.length >= 2).map((r) => r.segs[0]));
  const withSidecar = (f: LayoutFile): LayoutFile => {
    const sidecar = sidecars.get(f.path);
    return sidecar === undefined ? f : { ...f, sidecar };
  };
  if (top.size === 0) {
    const files = rel.map((r) => withSidecar({ path: r.path, label: null, presetSplit: null }));
    return { kind: 'unlabelled', root, files, skipped, hiddenCount, classes: [] };
  }

  const splitLayout = [...top].some((t) => splitFolderName(t) !== null);
  const files: LayoutFile[] = [];
  for (const r of rel) {
    const placed = splitLayout ? placeInSplits(r.segs) : placeInClasses(r.segs);
    if (typeof placed === 'string') skipped.push({ path: r.path, reason: placed });
    else files.push(withSidecar({ path: r.path, ...placed }));
  }
  const classes = [...new Set(files.map((f) => f.label).filter((l): l is string => l !== null))].sort();
  return { kind: splitLayout ? 'splits' : 'classes', root, files, skipped, hiddenCount, classes };
}

type Placement = { label: string | null; presetSplit: SplitName | null } | string;

function placeInClasses(segs: string[]): Placement {
  // Loose images beside the class folders: the unlabelled pool that the gallery and review queue label.
  if (segs.length < 2) return { label: null, presetSplit: null };
  return { label: segs[0], presetSplit: null };
}

function placeInSplits(segs: string[]): Placement {
  const split = splitFolderName(segs[0]);
  if (segs.length < 2 || split === null) return 'not inside a train/valid/test folder';
  // An unlabelled test folder (`test/img.png`) is common in competition datasets: keep it for prediction.
  if (segs.length === 2) return split === 'test' ? { label: null, presetSplit: 'test' } : 'not inside a class folder';
  return { label: segs[1], presetSplit: split };
}

/**
 * How many leading folders to strip as "the root". A single dropped folder (every path starts with the
 * same name and has more below it) is the root. Below it, lone wrapper folders (`dataset/dataset/…`, common
 * after unzipping) are skipped too, as long as every image sits at least two folders deeper, so that the
 * level we stop at has class folders; a root whose only subfolder holds images directly keeps that
 * subfolder as its (single) class.
 */
function rootDepth(all: string[][]): number {
  let depth = 0;
  for (;;) {
    const first = all[0][depth];
    const shared = all.every((s) => s.length > depth + 1 && s[depth] === first);
    if (!shared) return depth;
    if (depth > 0 && !all.every((s) => s.length > depth + 2)) return depth;
    if (depth > 0 && splitFolderName(first) !== null) return depth;
    depth++;
  }
}
