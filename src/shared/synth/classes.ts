import { drawDataBar } from './dataBar';
import { biological, particles } from './families/round';
import { fibres, nanowires } from './families/linear';
import { films, patterned, porous } from './families/surface';
import { mems, tips } from './families/device';
import { powder } from './families/flakes';
import { hashInts, Rng } from './rng';
import { makeScene, type Scene } from './scene';
import { randomLook, semFinish } from './sem';
import { SEM_KINDS, type GrayImage, type SemImageOptions, type SemKind } from './types';

const PAINTERS: Record<SemKind, (s: Scene) => void> = {
  biological, fibres, films, mems, nanowires, particles, patterned, porous, powder, tips,
};

/** Largest twin shift, as a fraction of the frame; the scene margin is sized to cover it. */
export const MAX_SHIFT_FRAC = 0.02;

/**
 * Render one synthetic SEM micrograph. Deterministic in (kind, size, seed, dataBar, shot).
 *
 * The specimen is painted on a canvas padded by a margin, so that (a) edge effect and blur have no
 * border artefacts and (b) a near-duplicate "re-shot" can move the field of view by up to
 * MAX_SHIFT_FRAC without new content. Scene layout depends on the seed only; detector noise depends on
 * shot.noiseSeed when given, so a twin shares the specimen but not the noise.
 */
export function generateSemImage(opts: SemImageOptions): GrayImage {
  const { kind, seed } = opts;
  const width = Math.max(1, Math.floor(opts.width));
  const height = Math.max(1, Math.floor(opts.height));
  const paint = PAINTERS[kind];
  if (!paint) throw new Error(`unknown SEM kind: ${String(kind)}`);
  const m = Math.ceil(MAX_SHIFT_FRAC * Math.max(width, height)) + 2;
  // Separate streams: scene layout, acquisition look, noise. Kind is mixed in so that one seed gives
  // unrelated layouts across classes.
  const kindIdx = SEM_KINDS.indexOf(kind);
  const sceneRng = new Rng(hashInts(seed, kindIdx, 1));
  const lookRng = new Rng(hashInts(seed, kindIdx, 2));
  const scene = makeScene(width + 2 * m, height + 2 * m, sceneRng);
  paint(scene);
  const look = randomLook(lookRng);
  const shot = opts.shot ?? null;
  let ox = m, oy = m, noiseSeed = hashInts(seed, kindIdx, 3);
  if (shot) {
    const clampShift = (f: number) => Math.max(-MAX_SHIFT_FRAC, Math.min(MAX_SHIFT_FRAC, f));
    ox += Math.round(clampShift(shot.dxFrac) * width);
    oy += Math.round(clampShift(shot.dyFrac) * height);
    noiseSeed = hashInts(shot.noiseSeed, 0x7719);
    // A re-shot is seldom at exactly the same brightness/contrast.
    const r = new Rng(noiseSeed);
    look.brightness += r.range(-0.015, 0.015);
    look.contrast *= r.range(0.97, 1.03);
  }
  const img = semFinish(scene.c, look, noiseSeed, { x: ox, y: oy, w: width, h: height });
  if (opts.dataBar) drawDataBar(img, opts.dataBar, seed);
  return img;
}
