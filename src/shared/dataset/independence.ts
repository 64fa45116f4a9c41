// How independent a set of images is, by the app's own near-duplicate relation (nearDup.ts, the one the
// split keeps on one side): its connected components are the independent groups (a frame with no
// near-duplicate is a group of one). 855 frames of 27 microscope fields are 27 groups, and a figure
// measured on them rests on 27 observations, not 855.

import { NEAR_DUP_DISTANCE, nearDuplicateGroups, type HashedItem } from './nearDup';
import { phashFromHex } from './phash';

/** What an image needs for the near-duplicate test: its pHash and shifted hashes, as stored (hex). */
export interface HexHashed {
  phash: string;
  shifts: readonly string[];
}

export function hashedItem(e: HexHashed): HashedItem {
  return { hash: phashFromHex(e.phash), shifts: e.shifts.map(phashFromHex) };
}

/** Number of near-duplicate groups (connected components) among the items. */
export function countGroups(items: readonly HashedItem[], maxDistance = NEAR_DUP_DISTANCE): number {
  const groupOf = nearDuplicateGroups(items, maxDistance);
  let groups = 0;
  groupOf.forEach((root, i) => {
    if (root === i) groups++;
  });
  return groups;
}

/**
 * For each query, whether its near-duplicate group, among references and queries together, holds a
 * reference: had the query been imported with the references, the split would have kept it with them.
 * (A test frame linked to a training frame through another test frame counts: they are one field.)
 */
export function nearCopies(references: readonly HashedItem[], queries: readonly HashedItem[], maxDistance = NEAR_DUP_DISTANCE): boolean[] {
  const groupOf = nearDuplicateGroups([...references, ...queries], maxDistance);
  const withReference = new Set<number>();
  for (let i = 0; i < references.length; i++) withReference.add(groupOf[i]);
  return queries.map((_, q) => withReference.has(groupOf[references.length + q]));
}

/** Whether each hex-hashed query has a near-copy among the references (nearCopies on stored hashes). */
export function nearCopiesHex(references: readonly HexHashed[], queries: readonly HexHashed[]): boolean[] {
  return nearCopies(references.map(hashedItem), queries.map(hashedItem));
}

export function countGroupsHex(items: readonly HexHashed[]): number {
  return countGroups(items.map(hashedItem));
}

/**
 * The dataset's hashes of evaluated images, matched by content hash (sha256); `missing` counts evaluated
 * images no longer in the dataset (left out of the count).
 */
export function evaluatedHashes(items: readonly { hash: string }[], entries: readonly (HexHashed & { hash: string })[]): { hashed: HexHashed[]; missing: number } {
  const byHash = new Map(entries.map((e) => [e.hash, e]));
  const hashed: HexHashed[] = [];
  let missing = 0;
  for (const it of items) {
    const e = byHash.get(it.hash);
    if (e) hashed.push({ phash: e.phash, shifts: e.shifts });
    else missing++;
  }
  return { hashed, missing };
}
