// Sidecar text files: JEOL and Hitachi SEMs write `<name>.txt` next to `<name>.<image ext>` with the image's
// settings. Import and Classify pair each such file with its image (same folder, same name before the
// extension), read it with the image, and never list it as a file that is not an image. A `.txt` with no
// image of its name beside it (a readme, notes) is still listed.

import { extensionOf, isImagePath } from './layout';

/** Larger text files are not instrument sidecars (those are a few kB): they are not read. */
export const SIDECAR_MAX_BYTES = 256 * 1024;

const stemOf = (path: string): string => {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
};

/** Image path → its sidecar's path, for every `.txt` that has an image of the same stem beside it. */
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

/**
 * A sidecar's bytes as text: UTF-16 (Hitachi writes it on some models; a BOM, or NULs in every other byte),
 * else UTF-8 when valid, else Latin-1 (older Windows software: `µ` as one byte).
 */
export function decodeSidecarBytes(bytes: Uint8Array): string {
  const b = bytes.subarray(0, SIDECAR_MAX_BYTES);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  const pairs = Math.min(64, b.length >> 1);
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (b[2 * i] === 0) evenNul++;
    if (b[2 * i + 1] === 0) oddNul++;
  }
  if (pairs >= 4 && oddNul > pairs * 0.6) return new TextDecoder('utf-16le').decode(b);
  if (pairs >= 4 && evenNul > pairs * 0.6) return new TextDecoder('utf-16be').decode(b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('latin1').decode(b);
  }
}

/** Reads a sidecar file; null when it is too large to be one or cannot be read. */
export async function readSidecarText(file: Blob): Promise<string | null> {
  if (file.size > SIDECAR_MAX_BYTES) return null;
  try {
    return decodeSidecarBytes(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return null;
  }
}
