// One writer per dataset across all tabs of this origin (Web Locks): an import rewrites the stored dataset and
// a training run reads it and writes its run, so neither may start while the other runs, here or in another
// tab. The lock is taken without waiting: the second one is refused with a sentence, not queued.

export const DATASET_BUSY =
  'This dataset is in use: an import or a training run holds it, in this tab or another tab of this app. ' +
  'Wait for it to finish, or stop it there, then try again.';

/** Lock name for a dataset id. */
export function datasetLockName(dataset: string): string {
  return `sem-dataset:${dataset}`;
}

/**
 * Takes the dataset's lock if it is free; resolves with a function that releases it, or null when someone
 * holds it. Where the browser has no Web Locks, it always succeeds (one tab cannot be checked against another).
 */
export function tryLockDataset(dataset: string): Promise<(() => void) | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((resolve, reject) => {
    locks
      .request(datasetLockName(dataset), { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // Held until the returned release function is called.
        return new Promise<void>((release) => resolve(release));
      })
      .catch(reject);
  });
}
