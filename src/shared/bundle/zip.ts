// A guarded zip reader for model bundles. Sizes come from the zip's central directory and are checked
// against limits before a single byte is inflated; inflating stops as soon as an entry grows past what the
// directory declared (a lying zip bomb), and every entry's CRC-32 is checked.
import { Inflate } from 'fflate';
import { crc32 } from './crc32';

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflate */
  method: number;
  compressedSize: number;
  /** what the central directory declares; inflating never produces more */
  size: number;
  crc: number;
  localHeaderOffset: number;
  directory: boolean;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** The central directory's entries, without inflating anything. */
export function readZipDirectory(zip: Uint8Array): ZipEntryInfo[] {
  if (zip.byteLength < 22) throw new BundleError('This file is not a zip archive (too short).');
  // The end record sits in the last 22 bytes plus a comment of at most 65535 bytes.
  let end = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (u32(zip, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new BundleError('This file is not a zip archive, or it is truncated (no end-of-archive record).');
  const count = u16(zip, end + 10);
  const cdSize = u32(zip, end + 12);
  const cdOffset = u32(zip, end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new BundleError('ZIP64 archives are not supported (bundles stay under 4 GB).');
  if (cdOffset + cdSize > end) throw new BundleError('The zip archive is corrupt: its directory lies outside the file.');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.byteLength || u32(zip, p) !== CEN) throw new BundleError('The zip archive is corrupt: a directory record is damaged.');
    const flags = u16(zip, p + 8);
    const method = u16(zip, p + 10);
    const crc = u32(zip, p + 16);
    const compressedSize = u32(zip, p + 20);
    const size = u32(zip, p + 24);
    const nameLen = u16(zip, p + 28);
    const extraLen = u16(zip, p + 30);
    const commentLen = u16(zip, p + 32);
    const localHeaderOffset = u32(zip, p + 42);
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (flags & 1) throw new BundleError(`${name} is encrypted: bundles must not be password-protected.`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new BundleError(`${name}: ZIP64 entries are not supported.`);
    entries.push({ name, method, compressedSize, size, crc, localHeaderOffset, directory: name.endsWith('/') });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflates one entry, stopping as soon as it produces more than its declared size. `work` (tests) counts the
 * compressed bytes fed to the inflater: a lying entry stops within one input step of its declared size.
 */
export function inflateEntry(zip: Uint8Array, e: ZipEntryInfo, work?: { inputBytes: number }): Uint8Array {
  const h = e.localHeaderOffset;
  if (h + 30 > zip.byteLength || u32(zip, h) !== LOC) throw new BundleError(`The zip archive is corrupt: ${e.name} has no valid local header.`);
  const start = h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
  if (start + e.compressedSize > zip.byteLength) throw new BundleError(`The zip archive is truncated: ${e.name} is cut off.`);
  const raw = zip.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new BundleError(`The zip archive is corrupt: stored entry ${e.name} has inconsistent sizes.`);
    out = raw.slice();
  } else if (e.method === 8) {
    out = new Uint8Array(e.size);
    let written = 0;
    let over = false;
    const inflate = new Inflate((chunk) => {
      if (written + chunk.byteLength > e.size) {
        over = true;
        return;
      }
      out.set(chunk, written);
      written += chunk.byteLength;
    });
    // Small input steps bound how much one step can inflate before the size check sees it.
    const STEP = 16 * 1024;
    try {
      for (let i = 0; i < raw.byteLength && !over; i += STEP) {
        const piece = raw.subarray(i, i + STEP);
        if (work) work.inputBytes += piece.byteLength;
        inflate.push(piece, i + STEP >= raw.byteLength);
      }
    } catch (err) {
      throw new BundleError(`The zip archive is corrupt: ${e.name} does not inflate (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (over) throw new BundleError(`${e.name} inflates to more than the ${e.size} bytes the zip declares: refused as a possible zip bomb.`);
    if (written !== e.size) throw new BundleError(`The zip archive is corrupt: ${e.name} inflates to ${written} bytes, not the declared ${e.size}.`);
  } else {
    throw new BundleError(`${e.name} uses zip compression method ${e.method}; only stored and deflate are supported.`);
  }
  if (crc32(out) !== e.crc) throw new BundleError(`The zip archive is corrupt: ${e.name} fails its CRC-32 check.`);
  return out;
}
