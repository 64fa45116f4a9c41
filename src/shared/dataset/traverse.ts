// Turning what the user dropped or picked into a flat list of `{ path, file }`.
//
// The browser hands folders over in two shapes: drag and drop gives FileSystemEntry trees (callback APIs,
// non-standard `webkit` names), and `<input webkitdirectory>` gives a flat FileList whose files carry
// `webkitRelativePath`. Both end up as paths relative to the drop, '/'-separated, with the dropped folder's
// own name as the first segment (`root/class/img.tif`), which is what `classifyPaths` expects.
//
// The interfaces below mirror only the members we use, so that the DOM types (absent from the worker's lib)
// are not needed and a fake tree can stand in for them in unit tests. DOM entries satisfy them structurally.

/** What we need from a File: the DOM `File` qualifies, and so does a test double. */
export interface FileLike {
  readonly name: string;
  readonly size: number;
}

export interface FsEntryLike<F = File> {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
  /** Present on file entries (FileSystemFileEntry). */
  file?(success: (file: F) => void, error?: (err: unknown) => void): void;
  /** Present on directory entries (FileSystemDirectoryEntry). */
  createReader?(): FsDirectoryReaderLike<F>;
}

export interface FsDirectoryReaderLike<F = File> {
  readEntries(success: (entries: FsEntryLike<F>[]) => void, error?: (err: unknown) => void): void;
}

export interface CollectedFile<F = File> {
  /** Relative to the drop, '/'-separated, e.g. `root/class/img.tif`. */
  path: string;
  file: F;
}

export interface CollectOptions {
  /** A file or folder that cannot be read (deleted meanwhile, no permission). Without it, the walk rejects. */
  onError?: (path: string, err: unknown) => void;
  /** Called as files are found, for a progress counter during big imports. */
  onProgress?: (filesFound: number) => void;
  signal?: AbortSignal;
}

/** Walks dropped entries depth-first; the result is sorted by path so it does not depend on readEntries order. */
export async function collectFromEntries<F = File>(
  entries: readonly FsEntryLike<F>[],
  opts: CollectOptions = {},
): Promise<CollectedFile<F>[]> {
  const out: CollectedFile<F>[] = [];
  const fail = (path: string, err: unknown): void => {
    if (opts.onError) opts.onError(path, err);
    else throw err instanceof Error ? err : new Error(`Cannot read ${path}: ${String(err)}`);
  };

  const visit = async (entry: FsEntryLike<F>, parent: string): Promise<void> => {
    opts.signal?.throwIfAborted();
    // Names, not `fullPath`: they give the same relative path for dropped items and stay correct for
    // entries that come from elsewhere (a file picker's directory handle, a test double).
    const path = parent ? `${parent}/${entry.name}` : entry.name;
    if (entry.isFile && entry.file) {
      try {
        out.push({ path, file: await readFile(entry) });
        opts.onProgress?.(out.length);
      } catch (err) {
        fail(path, err);
      }
    } else if (entry.isDirectory && entry.createReader) {
      let children: FsEntryLike<F>[];
      try {
        children = await readAllEntries(entry.createReader());
      } catch (err) {
        fail(path, err);
        return;
      }
      // One readEntries batch (≤ 100 in Chromium) in parallel: file() is an IPC round trip each.
      for (let i = 0; i < children.length; i += 100) {
        await Promise.all(children.slice(i, i + 100).map((c) => visit(c, path)));
      }
    }
  };

  for (const e of entries) await visit(e, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function readFile<F>(entry: FsEntryLike<F>): Promise<F> {
  return new Promise<F>((resolve, reject) => entry.file!(resolve, reject));
}

/** Chromium returns at most 100 entries per readEntries call; the listing is complete only at an empty batch. */
export async function readAllEntries<F>(reader: FsDirectoryReaderLike<F>): Promise<FsEntryLike<F>[]> {
  const all: FsEntryLike<F>[] = [];
  for (;;) {
    const batch = await new Promise<FsEntryLike<F>[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The parts of DataTransferItem we use. */
export interface DataTransferItemLike<F = File> {
  readonly kind: string;
  webkitGetAsEntry(): FsEntryLike<F> | null;
  getAsFile?(): F | null;
}

/**
 * Call this synchronously inside the drop handler, before any `await`: the DataTransfer (and its items)
 * is only readable while the event is being dispatched; after the first await, `webkitGetAsEntry()`
 * returns null and the list looks empty. Entries themselves stay usable afterwards, so the slow
 * traversal (`collectFromEntries`) can then run asynchronously.
 */
export function entriesFromDataTransfer<F = File>(items: ArrayLike<DataTransferItemLike<F>>): FsEntryLike<F>[] {
  const entries: FsEntryLike<F>[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) {
      entries.push(entry);
      continue;
    }
    // Some sources (files dragged from another app, virtual files) give a File but no entry.
    const file = item.getAsFile?.() ?? null;
    if (file) entries.push(fileEntry(file));
  }
  return entries;
}

function fileEntry<F>(file: F): FsEntryLike<F> {
  const name = (file as unknown as FileLike).name ?? 'file';
  return { isFile: true, isDirectory: false, name, fullPath: `/${name}`, file: (ok) => ok(file) };
}

/** `<input type=file webkitdirectory>` (or plain `multiple`): paths come from `webkitRelativePath`. */
export function filesFromInput<F extends FileLike & { readonly webkitRelativePath?: string }>(
  files: ArrayLike<F>,
): CollectedFile<F>[] {
  const out: CollectedFile<F>[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    out.push({ path: f.webkitRelativePath || f.name, file: f });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
