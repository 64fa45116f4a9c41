// What the service worker (src/sw.ts) keeps of older builds after a new one activates: the precached files
// no current entry names stay while any client that was alive at activation (and so runs an older build)
// is still open; then they go. Pure, for the unit test; the worker does the cache and client calls.

/** The recorded old-build clients that are still alive (in the recorded order). */
export function clientsStillOld(recorded: readonly string[], alive: readonly string[]): string[] {
  const now = new Set(alive);
  return recorded.filter((id) => now.has(id));
}

/** The cached precache keys the current build does not name: an older build's files, to delete once unused. */
export function filesToDrop(cached: Iterable<string>, current: Iterable<string>): string[] {
  const keep = new Set(current);
  return [...cached].filter((key) => !keep.has(key));
}
