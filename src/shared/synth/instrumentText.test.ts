import { describe, expect, it } from 'vitest';
import { readFeiTag } from '../dataset/metaFei';
import { readHitachiSidecar } from '../dataset/metaHitachi';
import { readJeolSidecar } from '../dataset/metaJeol';
import { readZeissTag } from '../dataset/metaZeiss';
import { feiTagText, hitachiSidecarText, jeolSidecarText, nominalMagnification, zeissTagText } from './instrumentText';

describe('instrument texts', () => {
  for (const pixelNm of [0.62, 3.7, 48, 2500]) {
    const s = { pixelNm, width: 1280, height: 960, kV: 15 };
    it(`every vendor's text reads back its settings (${pixelNm} nm/px)`, () => {
      const mag = nominalMagnification(s);
      const fei = readFeiTag(feiTagText(s))!;
      expect(fei.pixelSizeNm! / pixelNm).toBeCloseTo(1, 3);
      expect(fei.magnification! / mag).toBeCloseTo(1, 3);
      const zeiss = readZeissTag(zeissTagText(s))!;
      expect(zeiss.pixelSizeNm! / pixelNm).toBeCloseTo(1, 2);
      expect(zeiss.magnification! / mag).toBeCloseTo(1, 1); // written as a whole number below 1000 X
      const jeol = jeolSidecarText(s);
      expect(jeol.pixelNm / pixelNm).toBeCloseTo(1, 1);
      expect(readJeolSidecar(jeol.text)!.pixelSizeNm).toBeCloseTo(jeol.pixelNm, 9);
      const hitachi = readHitachiSidecar(hitachiSidecarText(s, 'x.tif'))!;
      expect(hitachi.pixelSizeNm! / pixelNm).toBeCloseTo(1, 5);
      for (const r of [fei, zeiss, readJeolSidecar(jeol.text)!, hitachi]) expect(r.kV).toBe(15);
    });
  }
  it('FEI text uses three-digit exponents, Zeiss text Latin-1 µ for micrometre pixels', () => {
    expect(feiTagText({ pixelNm: 2.0345, width: 100, height: 80, kV: 5 })).toContain('PixelWidth=2.0345e-009');
    expect(zeissTagText({ pixelNm: 2500, width: 100, height: 80, kV: 5 })).toContain('Image Pixel Size = 2.500 \u00b5m');
  });
});
