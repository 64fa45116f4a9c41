import { Rng } from '../synth/rng';

// The random half of batch augmentation (fastai `aug_transforms` values), drawn in plain numbers so it is
// seeded and testable without tfjs; src/worker/train/augment.ts applies it with tf ops.

export interface AugmentOptions {
  /** horizontal flip with p 0.5 (fastai do_flip) */
  flip?: boolean;
  /** vertical flip with p 0.5 (fastai flip_vert; on by default here: SEM images have no up) */
  flipVert?: boolean;
  /** rotation by a random multiple of 90° (square images only); with both flips: fastai's Dihedral */
  rot90?: boolean;
  /** degrees, uniform in ±maxRotate (fastai max_rotate 10); 0: off */
  maxRotate?: number;
  /** zoom uniform in [minZoom, maxZoom] at a random crop position (fastai 1, 1.1); maxZoom 1: off */
  minZoom?: number;
  maxZoom?: number;
  /** perspective (keystone) magnitude (fastai max_warp 0.2); 0: off */
  maxWarp?: number;
  /** brightness and contrast strength (fastai max_lighting 0.2); 0: off */
  maxLighting?: number;
  /** draw fastai Brightness (with maxLighting > 0); default on */
  brightness?: boolean;
  /** draw fastai Contrast (with maxLighting > 0); default on */
  contrast?: boolean;
  /** probability of the continuous affine part per image (fastai p_affine 0.75) */
  pAffine?: number;
  /** probability of brightness, and separately of contrast, per image (fastai p_lighting 0.75) */
  pLighting?: number;
}

export const AUGMENT_DEFAULTS: Required<AugmentOptions> = {
  flip: true, flipVert: true, rot90: true, maxRotate: 10, minZoom: 1, maxZoom: 1.1, maxWarp: 0.2,
  maxLighting: 0.2, brightness: true, contrast: true, pAffine: 0.75, pLighting: 0.75,
};

/** Everything off: augmentBatch returns its input unchanged. */
export const AUGMENT_OFF: Required<AugmentOptions> = {
  ...AUGMENT_DEFAULTS, flip: false, flipVert: false, rot90: false, maxRotate: 0, maxZoom: 1, maxWarp: 0, maxLighting: 0,
};

export interface AugmentParams {
  /** per image, tf.image.transform's 8 numbers mapping output pixel (x, y) to input pixel */
  transforms: number[][];
  /** false when no image needs resampling (skip the transform); */
  geometric: boolean;
  /** true when some transform has non-integer coordinates (needs bilinear; otherwise nearest is exact) */
  continuous: boolean;
  /** per image, fastai Brightness: added in logit space (0: unchanged) */
  brightness: number[];
  /** per image, fastai Contrast: logit multiplier (1: unchanged) */
  contrast: number[];
  lighting: boolean;
}

type Mat = [number, number, number, number, number, number, number, number, number];

function mul(a: Mat, b: Mat): Mat {
  const out = new Array<number>(9) as Mat;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  }
  return out;
}

const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Draws one augmentation per image. Geometry is composed in pixel coordinates centred on the image, as one
 * output→input matrix: zoom·rotate·dihedral·warp, so an image is resampled once whatever is switched on.
 */
export function drawAugmentParams(n: number, height: number, width: number, options: AugmentOptions, seed: number): AugmentParams {
  const o = { ...AUGMENT_DEFAULTS, ...options };
  const rng = new Rng(seed);
  const hw = Math.max(0.5, (width - 1) / 2);
  const hh = Math.max(0.5, (height - 1) / 2);
  const square = width === height;
  const out: AugmentParams = { transforms: [], geometric: false, continuous: false, brightness: [], contrast: [], lighting: false };
  for (let i = 0; i < n; i++) {
    // Dihedral part: exact integer matrices, so alone they permute pixels.
    let m: Mat = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    if (o.flip && rng.chance(0.5)) m = mul([-1, 0, 0, 0, 1, 0, 0, 0, 1], m);
    if (o.flipVert && rng.chance(0.5)) m = mul([1, 0, 0, 0, -1, 0, 0, 0, 1], m);
    if (o.rot90) {
      const k = square ? rng.int(0, 3) : 2 * rng.int(0, 1);
      for (let j = 0; j < k; j++) m = mul([0, -1, 0, 1, 0, 0, 0, 0, 1], m);
    }
    const affine = (o.maxRotate > 0 || o.maxZoom > 1 || o.maxWarp > 0) && rng.chance(o.pAffine);
    if (affine) {
      if (o.maxWarp > 0) {
        const wx = rng.range(-o.maxWarp, o.maxWarp) / 2;
        const wy = rng.range(-o.maxWarp, o.maxWarp) / 2;
        m = mul(m, [1, 0, 0, 0, 1, 0, wx / hw, wy / hh, 1]);
      }
      if (o.maxRotate > 0) {
        const a = (rng.range(-o.maxRotate, o.maxRotate) * Math.PI) / 180;
        m = mul([Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1], m);
      }
      if (o.maxZoom > 1) {
        const s = rng.range(Math.max(1, o.minZoom), o.maxZoom);
        // the zoomed-in window (1/s of each side) stays inside the image
        const ox = rng.range(-1, 1) * (1 - 1 / s) * hw;
        const oy = rng.range(-1, 1) * (1 - 1 / s) * hh;
        m = mul([1 / s, 0, ox, 0, 1 / s, oy, 0, 0, 1], m);
      }
    }
    // from centred coordinates back to pixel indices on both sides
    m = mul(mul([1, 0, hw, 0, 1, hh, 0, 0, 1], m), [1, 0, -hw, 0, 1, -hh, 0, 0, 1]);
    const t = m.map((v) => v / m[8]);
    const identity = t.every((v, j) => v === (j % 4 === 0 ? 1 : 0));
    out.geometric ||= !identity;
    out.continuous ||= !t.every((v) => Number.isInteger(v));
    out.transforms.push(t.slice(0, 8));

    const bright = o.brightness && o.maxLighting > 0 && rng.chance(o.pLighting);
    const b = bright ? logit(rng.range(0.5 * (1 - o.maxLighting), 0.5 * (1 + o.maxLighting))) : 0;
    const contrastOn = o.contrast && o.maxLighting > 0 && rng.chance(o.pLighting);
    const lnC = -Math.log(1 - o.maxLighting);
    const c = contrastOn ? Math.exp(rng.range(-lnC, lnC)) : 1;
    out.brightness.push(b);
    out.contrast.push(c);
    out.lighting ||= bright || contrastOn;
  }
  return out;
}
