import { describe, expect, it } from 'vitest';
import { decodeSidecarBytes, readSidecarText, SIDECAR_MAX_BYTES } from './sidecar';

describe('decodeSidecarBytes', () => {
  const text = '[SemImageFile]\r\nPixelSize=9.9\r\nAperture=30 \u00b5m\r\n';
  it('UTF-8, Latin-1 and UTF-16 (with or without a BOM) all come out as the same text', () => {
    expect(decodeSidecarBytes(new TextEncoder().encode(text))).toBe(text);
    expect(decodeSidecarBytes(Uint8Array.from(text, (c) => c.charCodeAt(0)))).toBe(text);
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
    expect(decodeSidecarBytes(le)).toBe(text);
    expect(decodeSidecarBytes(Uint8Array.from([0xff, 0xfe, ...le]))).toBe(text);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) be[2 * i + 1] = text.charCodeAt(i);
    expect(decodeSidecarBytes(be)).toBe(text);
  });
  it('does not read a file too large to be a sidecar', async () => {
    expect(await readSidecarText(new Blob([new Uint8Array(SIDECAR_MAX_BYTES + 1)]))).toBeNull();
    expect(await readSidecarText(new Blob(['$CM_MAG 100\n']))).toBe('$CM_MAG 100\n');
  });
});
