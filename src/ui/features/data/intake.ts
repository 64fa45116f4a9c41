// The ways files come in (drop, folder input, directory picker, loose files), all ending as
// `{ path, file }` lists handed to the importer.

import { collectFromEntries, entriesFromDataTransfer, filesFromInput, type CollectedFile, type FsEntryLike } from '../../../shared/dataset';
import { useStore } from '../../store';
import { importFiles } from './importer';

/** Call synchronously from the drop handler: DataTransfer items die at the first await. */
export function importDrop(dt: DataTransfer): void {
  const entries = entriesFromDataTransfer(dt.items as unknown as ArrayLike<{ kind: string; webkitGetAsEntry(): FsEntryLike | null; getAsFile(): File | null }>);
  if (entries.length === 0) return;
  void scanThenImport(() =>
    collectFromEntries(entries, {
      onProgress: (n) => n % 200 === 0 && useStore.getState().scanProgress(n),
      // An unreadable file or folder (deleted meanwhile, no permission) should not stop the whole drop.
      onError: () => undefined,
    }),
  );
}

export function importInput(files: FileList | null): void {
  if (!files || files.length === 0) return;
  void importFiles(filesFromInput(Array.from(files)));
}

interface DirHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}

export const hasDirectoryPicker = typeof window !== 'undefined' && 'showDirectoryPicker' in window;

export async function importFromDirectoryPicker(): Promise<void> {
  let root: DirHandle;
  try {
    root = await (window as unknown as { showDirectoryPicker(o: { mode: 'read' }): Promise<DirHandle> }).showDirectoryPicker({ mode: 'read' });
  } catch {
    return; // the user closed the picker
  }
  await scanThenImport(async () => {
    const out: CollectedFile[] = [];
    const walk = async (dir: DirHandle, prefix: string): Promise<void> => {
      for await (const h of dir.values()) {
        const path = `${prefix}/${h.name}`;
        if (h.kind === 'file') {
          out.push({ path, file: await h.getFile() });
          if (out.length % 200 === 0) useStore.getState().scanProgress(out.length);
        } else await walk(h, path);
      }
    };
    await walk(root, root.name);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  });
}

async function scanThenImport(scan: () => Promise<CollectedFile[]>): Promise<void> {
  useStore.getState().scanProgress(0);
  let files: CollectedFile[];
  try {
    files = await scan();
  } catch (err) {
    useStore.getState().datasetFailed(`Could not read the dropped folders: ${(err as Error).message}`);
    return;
  }
  await importFiles(files);
}
