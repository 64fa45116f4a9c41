// Sidecar text files: JEOL and Hitachi SEMs write `<name>.txt` next to `<name>.<image ext>` with the image's
// settings. Import and Classify pair each such file with its image (layout.ts `pairSidecars`) and read it
// here, in the worker that decodes the image.

/** Larger text files are not instrument sidecars (those are a few kB): they are not read. */
export const SIDECAR_MAX_BYTES = 256 * 1024;

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
