import { describe, expect, it } from 'vitest';
import { AUG_ALL_OFF, AUG_ALL_ON, anyAugmentation, toAugmentOptions } from './augToggles';
import { AUGMENT_DEFAULTS, AUGMENT_OFF } from './augmentParams';
import { parseTrainParams } from './trainParams';

describe('parseTrainParams', () => {
  it('is empty without parameters', () => {
    expect(parseTrainParams('')).toEqual({ mode: null, aug: null, views: null, problems: [] });
  });
  it('reads mode, aug and views', () => {
    const p = parseTrainParams('?mode=fast&aug=flip,flip_vert,max_zoom&views=4');
    expect(p.mode).toBe('fast');
    expect(p.views).toBe(4);
    expect(p.aug).toEqual({ ...AUG_ALL_OFF, flip: true, flipVert: true, zoom: true });
    expect(parseTrainParams('?aug=none').aug).toEqual(AUG_ALL_OFF);
    expect(parseTrainParams('?aug=all').aug).toEqual(AUG_ALL_ON);
  });
  it('reports bad values instead of guessing', () => {
    const p = parseTrainParams('?mode=turbo&aug=flip,sharpen&views=99');
    expect(p).toMatchObject({ mode: null, aug: null, views: null });
    expect(p.problems).toHaveLength(3);
    expect(p.problems[1]).toMatch(/sharpen/);
  });
});

describe('toAugmentOptions', () => {
  it('maps all on to fastai aug_transforms values and all off to no augmentation', () => {
    expect(toAugmentOptions(AUG_ALL_ON)).toEqual(AUGMENT_DEFAULTS);
    const off = toAugmentOptions(AUG_ALL_OFF);
    expect({ ...off, brightness: true, contrast: true }).toEqual(AUGMENT_OFF);
    expect(anyAugmentation(AUG_ALL_OFF)).toBe(false);
  });
  it('keeps lighting on for contrast alone, with brightness off', () => {
    const o = toAugmentOptions({ ...AUG_ALL_OFF, contrast: true });
    expect(o).toMatchObject({ maxLighting: 0.2, brightness: false, contrast: true, maxRotate: 0, maxZoom: 1, maxWarp: 0 });
  });
});
