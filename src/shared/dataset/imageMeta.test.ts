import { describe, expect, it } from 'vitest';
import { feiTagText, hitachiSidecarText, jeolSidecarText, zeissTagText } from '../synth/instrumentText';
import { readImageMeta } from './imageMeta';

const settings = { pixelNm: 4.2, width: 1024, height: 768, kV: 5 };

describe('readImageMeta', () => {
  it('reads each vendor from its own place, with its source', () => {
    expect(readImageMeta({ fei: feiTagText(settings) }, 1024)).toMatchObject({ pixelSizeSource: 'fei-tag', kV: 5 });
    expect(readImageMeta({ zeiss: zeissTagText(settings) }, 1024)).toMatchObject({ pixelSizeSource: 'zeiss-tag', kV: 5 });
    expect(readImageMeta({ sidecar: jeolSidecarText(settings).text }, 1024)).toMatchObject({ pixelSizeSource: 'jeol-sidecar', kV: 5 });
    expect(readImageMeta({ sidecar: hitachiSidecarText(settings, 'a.tif') }, 1024)).toMatchObject({ pixelSizeSource: 'hitachi-sidecar', kV: 5 });
  });
  it('the TIFF tag wins over a sidecar; unrelated sidecar text gives nothing', () => {
    const both = readImageMeta({ zeiss: zeissTagText(settings), sidecar: jeolSidecarText({ ...settings, pixelNm: 50 }).text }, 1024)!;
    expect(both.pixelSizeSource).toBe('zeiss-tag');
    expect(both.pixelSizeNm).toBeCloseTo(4.2, 3);
    expect(readImageMeta({ sidecar: 'Lab notes\n' }, 1024)).toBeUndefined();
    expect(readImageMeta({}, 1024)).toBeUndefined();
  });
  it('the burnt-in scale bar gives the pixel size only when no tag or sidecar does, and keeps their other fields', () => {
    expect(readImageMeta({ scaleBarNm: 12.5 }, 1024)).toEqual({ pixelSizeNm: 12.5, pixelSizeSource: 'scale-bar', magnification: null, kV: null, detector: null });
    const tagged = readImageMeta({ fei: feiTagText(settings), scaleBarNm: 12.5 }, 1024)!;
    expect(tagged.pixelSizeSource).toBe('fei-tag');
    expect(tagged.pixelSizeNm).toBeCloseTo(4.2, 3);
    expect(readImageMeta({ scaleBarNm: null }, 1024)).toBeUndefined();
  });
});
