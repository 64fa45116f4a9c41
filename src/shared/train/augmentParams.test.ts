import { describe, expect, it } from 'vitest';
import { AUGMENT_OFF, drawAugmentParams } from './augmentParams';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0];

describe('drawAugmentParams', () => {
  it('with everything off draws identities and no lighting', () => {
    const p = drawAugmentParams(4, 16, 16, AUGMENT_OFF, 1);
    expect(p.geometric).toBe(false);
    expect(p.lighting).toBe(false);
    expect(p.transforms).toEqual([IDENTITY, IDENTITY, IDENTITY, IDENTITY]);
  });

  it('draws only integer matrices for flips and 90° turns, continuous ones for rotation/zoom/warp', () => {
    const dihedral = drawAugmentParams(16, 8, 8, { ...AUGMENT_OFF, flip: true, flipVert: true, rot90: true }, 2);
    expect(dihedral.geometric).toBe(true);
    expect(dihedral.continuous).toBe(false);
    // each maps the 8x8 pixel grid onto itself: corners go to corners
    for (const t of dihedral.transforms) {
      const x = t[0] * 7 + t[1] * 7 + t[2];
      const y = t[3] * 7 + t[4] * 7 + t[5];
      expect([0, 7]).toContain(x);
      expect([0, 7]).toContain(y);
    }
    const rotate = drawAugmentParams(8, 8, 8, { ...AUGMENT_OFF, maxRotate: 10, pAffine: 1 }, 3);
    expect(rotate.continuous).toBe(true);
    const warp = drawAugmentParams(8, 8, 8, { ...AUGMENT_OFF, maxWarp: 0.2, pAffine: 1 }, 3);
    expect(warp.transforms.some((t) => t[6] !== 0 || t[7] !== 0)).toBe(true);
  });

  it('keeps zoom crops inside the image and lighting within fastai ranges', () => {
    const zoom = drawAugmentParams(32, 16, 16, { ...AUGMENT_OFF, maxZoom: 1.1, pAffine: 1 }, 4);
    for (const t of zoom.transforms) {
      for (const [x, y] of [[0, 0], [15, 15]]) {
        const ix = t[0] * x + t[1] * y + t[2];
        const iy = t[3] * x + t[4] * y + t[5];
        expect(ix).toBeGreaterThanOrEqual(-1e-9);
        expect(ix).toBeLessThanOrEqual(15 + 1e-9);
        expect(iy).toBeGreaterThanOrEqual(-1e-9);
        expect(iy).toBeLessThanOrEqual(15 + 1e-9);
      }
    }
    const light = drawAugmentParams(64, 4, 4, { ...AUGMENT_OFF, maxLighting: 0.2, pLighting: 1 }, 5);
    const logit = (p: number) => Math.log(p / (1 - p));
    for (const b of light.brightness) expect(Math.abs(b)).toBeLessThanOrEqual(-logit(0.4) + 1e-12);
    for (const c of light.contrast) {
      expect(c).toBeGreaterThanOrEqual(0.8 - 1e-12);
      expect(c).toBeLessThanOrEqual(1.25 + 1e-12);
    }
  });

  it('is deterministic per seed', () => {
    expect(drawAugmentParams(4, 16, 16, {}, 7)).toEqual(drawAugmentParams(4, 16, 16, {}, 7));
    expect(drawAugmentParams(4, 16, 16, {}, 7)).not.toEqual(drawAugmentParams(4, 16, 16, {}, 8));
  });
});
