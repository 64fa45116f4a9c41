// Near-duplicate lookups over a dataset's images, built once and reused by every labelling change: parsing
// the ten stored hashes of each image (its pHash and nine shifted ones) and bucketing them is most of what
// growing the split costs, and neither changes when a label does. Same pigeonhole index as nearDup.ts,
// queried in both directions (an image's shifts against every hash, its hash against every shift).

import { bucketSteps, fillKeys, flipMasks, KEYS, keyOf } from './nearDup';
import { hamming, phashFromHex, type PHash } from './phash';
import { Slicer } from './slicer';

export interface HashedImage {
  id: string;
  hash: PHash;
  /** `phashShifts` of the image; absent: the hash alone */
  shifts?: readonly PHash[];
}

/** What a stored dataset entry gives the index. */
export interface StoredHashes {
  path: string;
  phash: string;
  shifts: readonly string[];
}

type Csr = { start: Int32Array; items: Int32Array };

const KEY_CHUNK = 512;

export class HashIndex {
  readonly positionOf: Map<string, number>;
  private shiftOwner = new Int32Array(0);
  private shiftHashes: PHash[] = [];
  private byHash: Csr = { start: new Int32Array(1), items: new Int32Array(0) };
  private byShift: Csr = this.byHash;

  private constructor(
    readonly ids: readonly string[],
    readonly hashes: readonly PHash[],
    readonly shifts: readonly (readonly PHash[])[],
    /** each image's hash as stored (hex), when built from entries: see covers() */
    private readonly hex: readonly string[] | null,
  ) {
    this.positionOf = new Map(ids.map((id, i) => [id, i]));
  }

  get size(): number {
    return this.ids.length;
  }

  static async build(images: readonly HashedImage[], slicer = new Slicer()): Promise<HashIndex> {
    const index = new HashIndex(images.map((im) => im.id), images.map((im) => im.hash), images.map((im) => im.shifts ?? [im.hash]), null);
    await index.bucket(slicer);
    return index;
  }

  /** From stored entries (hex hashes), parsed a slice at a time. */
  static async fromEntries(entries: readonly StoredHashes[], slicer = new Slicer()): Promise<HashIndex> {
    const hashes: PHash[] = [];
    const shifts: PHash[][] = [];
    for (const e of entries) {
      hashes.push(phashFromHex(e.phash));
      shifts.push(e.shifts.length ? e.shifts.map(phashFromHex) : [hashes[hashes.length - 1]]);
      await slicer.tick(1 + e.shifts.length);
    }
    const index = new HashIndex(entries.map((e) => e.path), hashes, shifts, entries.map((e) => e.phash));
    await index.bucket(slicer);
    return index;
  }

  /** Every entry is in the index with the hash it was built from (labels may have changed; images not). */
  covers(entries: readonly StoredHashes[]): boolean {
    if (!this.hex) return false;
    for (const e of entries) {
      const p = this.positionOf.get(e.path);
      if (p === undefined || this.hex[p] !== e.phash) return false;
    }
    return true;
  }

  /**
   * Calls visit(j) for each image j ≠ p within d bits of image p: one of p's shifts against j's hash, or p's
   * hash against one of j's shifts (an image may be visited more than once).
   */
  linked(p: number, d: number, visit: (j: number) => void): void {
    if (d < 0) return;
    const probes = flipMasks(Math.floor(d / KEYS));
    for (const s of this.shifts[p]) {
      query(this.byHash, s, probes, (q) => {
        const j = this.byHash.items[q];
        if (j !== p && hamming(s, this.hashes[j]) <= d) visit(j);
      });
    }
    const h = this.hashes[p];
    query(this.byShift, h, probes, (q) => {
      const sp = this.byShift.items[q];
      const j = this.shiftOwner[sp];
      if (j !== p && hamming(h, this.shiftHashes[sp]) <= d) visit(j);
    });
  }

  private async bucket(slicer: Slicer): Promise<void> {
    const n = this.ids.length;
    const owner: number[] = [];
    const flat: PHash[] = [];
    this.shifts.forEach((list, i) => {
      for (const s of list) {
        flat.push(s);
        owner.push(i);
      }
    });
    this.shiftOwner = Int32Array.from(owner);
    this.shiftHashes = flat;
    this.byHash = await sliced(this.hashes, n, slicer);
    this.byShift = await sliced(flat, flat.length, slicer);
  }
}

/** buildIndex (nearDup.ts) a chunk of hashes per slice. */
async function sliced(hashes: readonly PHash[], n: number, slicer: Slicer): Promise<Csr> {
  const keys = new Int32Array(n * KEYS);
  for (let from = 0; from < n; from += KEY_CHUNK) {
    fillKeys(hashes, from, Math.min(n, from + KEY_CHUNK), keys);
    await slicer.tick(slicer.stride);
  }
  const steps = bucketSteps(keys);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await slicer.tick(slicer.stride);
  }
}

/** Visits the positions (into csr.items) of every bucket within the probes of q's KEYS keys. */
function query(csr: Csr, q: PHash, probes: readonly number[], at: (q: number) => void): void {
  for (let k = 0; k < KEYS; k++) {
    const key = keyOf(q, k);
    for (const m of probes) {
      const bucket = (key ^ m) + k * 65536;
      for (let p = csr.start[bucket]; p < csr.start[bucket + 1]; p++) at(p);
    }
  }
}
