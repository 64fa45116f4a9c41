// The near-duplicate group counts of the dataset overview, Evaluate and Classify's held-out check, run in a
// decode worker: grouping 5,000 images takes a few hundred ms, too long for the UI thread.

import { useEffect, useMemo, useState } from 'react';
import type { HexHashed } from '../../../shared/dataset/independence';
import { hashString } from '../../../shared/dataset/split';
import { DecodeLane } from './decodePool';

async function withLane<T>(job: (lane: DecodeLane) => Promise<T>): Promise<T> {
  const lane = new DecodeLane();
  try {
    return await job(lane);
  } finally {
    lane.close();
  }
}

/** Independent groups (near-duplicate components, a lone image counting as one) among the images. */
export function countGroupsOffThread(items: HexHashed[]): Promise<number> {
  return withLane(async (lane) => {
    const r = await lane.groups(items);
    if (r.type === 'failed') throw new Error(r.message);
    return r.count;
  });
}

/** For each query, whether its near-duplicate group holds one of the references. */
export function nearCopiesOffThread(references: HexHashed[], queries: HexHashed[]): Promise<boolean[]> {
  return withLane(async (lane) => {
    const r = await lane.nearCopies(references, queries);
    if (r.type === 'failed') throw new Error(r.message);
    return r.flags;
  });
}

/**
 * The group count of `items`, null while it is computed, 'failed' when the worker could not. Keyed by the
 * images' hashes, so a relabelling that leaves the same images does not count again.
 */
export function useGroupCount(items: readonly HexHashed[] | null): number | 'failed' | null {
  const key = useMemo(() => (items ? `${items.length}:${hashString(items.map((i) => i.phash).join(''))}` : null), [items]);
  const [result, setResult] = useState<{ key: string; count: number | 'failed' } | null>(null);
  const have = result?.key ?? null;
  useEffect(() => {
    if (!items || key === null || have === key || items.length === 0) return;
    let live = true;
    countGroupsOffThread([...items]).then(
      (count) => { if (live) setResult({ key, count }); },
      () => { if (live) setResult({ key, count: 'failed' }); },
    );
    return () => { live = false; };
  }, [items, key, have]);
  if (!items) return null;
  if (items.length === 0) return 0;
  return result?.key === key ? result.count : null;
}
