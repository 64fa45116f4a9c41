// The recipe's augmentation as the user sees it: one switch per fastai `aug_transforms` transform, each
// with fastai's value when on. augmentParams.ts draws the random numbers from the options made here.

import { AUGMENT_DEFAULTS, type AugmentOptions } from './augmentParams';

export interface AugToggles {
  /** horizontal flip, p 0.5 */
  flip: boolean;
  /** vertical flip, p 0.5 (SEM images have no up) */
  flipVert: boolean;
  /** random multiple of 90° */
  rot90: boolean;
  /** rotation uniform in ±10° */
  rotate: boolean;
  /** zoom 1.0–1.1 at a random crop position */
  zoom: boolean;
  /** brightness ±0.2 */
  brightness: boolean;
  /** contrast ±0.2 */
  contrast: boolean;
  /** perspective warp 0.2 */
  warp: boolean;
}

export type AugToggleName = keyof AugToggles;

/** In the order the form lists them, with what each does in fastai's words. */
export const AUG_TOGGLE_LABELS: readonly { key: AugToggleName; label: string; hint: string }[] = [
  { key: 'flip', label: 'flip', hint: 'horizontal flip with p 0.5 (do_flip)' },
  { key: 'flipVert', label: 'flip_vert', hint: 'vertical flip with p 0.5 (flip_vert)' },
  { key: 'rot90', label: 'rot90', hint: 'rotation by a random multiple of 90° (with both flips: Dihedral)' },
  { key: 'rotate', label: 'max_rotate 10', hint: 'rotation uniform in ±10°, reflection padding' },
  { key: 'zoom', label: 'zoom 1–1.1', hint: 'zoom uniform in 1.0–1.1 at a random crop position (max_zoom 1.1)' },
  { key: 'brightness', label: 'brightness 0.2', hint: 'brightness ±0.2 (max_lighting 0.2)' },
  { key: 'contrast', label: 'contrast 0.2', hint: 'contrast ±0.2 (max_lighting 0.2)' },
  { key: 'warp', label: 'max_warp 0.2', hint: 'perspective (keystone) warp of magnitude 0.2' },
];

export const AUG_ALL_ON: AugToggles = {
  flip: true, flipVert: true, rot90: true, rotate: true, zoom: true, brightness: true, contrast: true, warp: true,
};

export const AUG_ALL_OFF: AugToggles = {
  flip: false, flipVert: false, rot90: false, rotate: false, zoom: false, brightness: false, contrast: false, warp: false,
};

export function anyAugmentation(t: AugToggles): boolean {
  return Object.values(t).some(Boolean);
}

/** The options augmentBatch takes: fastai's value for each switched-on transform, off for the others. */
export function toAugmentOptions(t: AugToggles): Required<AugmentOptions> {
  const lighting = t.brightness || t.contrast;
  return {
    ...AUGMENT_DEFAULTS,
    flip: t.flip,
    flipVert: t.flipVert,
    rot90: t.rot90,
    maxRotate: t.rotate ? AUGMENT_DEFAULTS.maxRotate : 0,
    minZoom: 1,
    maxZoom: t.zoom ? AUGMENT_DEFAULTS.maxZoom : 1,
    maxWarp: t.warp ? AUGMENT_DEFAULTS.maxWarp : 0,
    maxLighting: lighting ? AUGMENT_DEFAULTS.maxLighting : 0,
    brightness: t.brightness,
    contrast: t.contrast,
  };
}

/**
 * `?aug=` URL parameter: `none`, `all`, or a comma list of the switches to keep on (`flip,rot90,zoom`);
 * names as in AUG_TOGGLE_LABELS' keys or their fastai labels' first word. Unknown names are an error.
 */
export function parseAugParam(value: string | null): AugToggles | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'all' || v === 'on') return { ...AUG_ALL_ON };
  if (v === 'none' || v === 'off' || v === '0' || v === 'false') return { ...AUG_ALL_OFF };
  const alias: Record<string, AugToggleName> = {
    flip: 'flip', flipvert: 'flipVert', flip_vert: 'flipVert', rot90: 'rot90', rotate: 'rotate', max_rotate: 'rotate',
    zoom: 'zoom', max_zoom: 'zoom', brightness: 'brightness', contrast: 'contrast', warp: 'warp', max_warp: 'warp',
  };
  const out = { ...AUG_ALL_OFF };
  for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
    const key = alias[part];
    if (!key) throw new RangeError(`aug: unknown transform "${part}" (use none, all, or ${Object.keys(alias).join(', ')})`);
    out[key] = true;
  }
  return out;
}
