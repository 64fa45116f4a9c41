// What the service worker (src/sw.ts) keeps of older builds after a new one activates: the precached files
// no current entry names stay while any client that was alive at activation (and so runs an older build)
// is still open; then they go. Pure, for the unit test; the worker does the cache and client calls.

/** Recorded at activation: the clients then alive, and the files then cached that the new build does not name. */
export interface OldBuild {
  clients: string[];
  files: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The stored record, or an empty one for anything else (none yet, or damaged). */
export function parseOldBuild(value: unknown): OldBuild {
  const o = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { clients: strings(o.clients), files: strings(o.files) };
}

/** The recorded old-build clients that are still alive (in the recorded order). */
export function clientsStillOld(recorded: readonly string[], alive: readonly string[]): string[] {
  const now = new Set(alive);
  return recorded.filter((id) => now.has(id));
}

/** The cached precache keys the current build does not name: an older build's files, to delete once unused (never a rolled-back-to build's own). */
export function filesToDrop(cached: Iterable<string>, current: Iterable<string>): string[] {
  const keep = new Set(current);
  return [...cached].filter((key) => !keep.has(key));
}
