import { drawCapsule, drawDisc } from '../raster';
import { domeShade, fillBackground, randomPoint, type Scene } from '../scene';

/**
 * Nanowires: many thin, long, straight bright wires at random angles (or a loosely aligned forest),
 * some ending in a catalyst droplet, on a textured substrate.
 */
export function nanowires(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.2, 0.3), 0.1, 0.08);
  const aligned = rng.chance(0.3);
  const mainAngle = rng.range(0, Math.PI);
  const r = Math.max(0.45, u * rng.range(0.0035, 0.007) * zoom);
  const lenMean = u * rng.range(0.3, 0.6) * zoom;
  // Enough wire to cover ~25% of the frame: density, not count, is what stays stable across zooms.
  const n = Math.round((rng.range(0.18, 0.3) * c.w * c.h) / (2 * r * lenMean));
  const cap = Math.min(n, 900);
  for (let i = 0; i < cap; i++) {
    const [x, y] = randomPoint(s);
    const a = aligned ? mainAngle + rng.gaussian(0, 0.25) : rng.range(0, Math.PI);
    const l = lenMean * rng.range(0.5, 1.5);
    const x1 = x + Math.cos(a) * l, y1 = y + Math.sin(a) * l;
    const base = rng.range(0.6, 0.85);
    const rr = r * rng.range(0.8, 1.25);
    drawCapsule(c, x, y, x1, y1, rr, (_nd, side) => domeShade(s, base, side, 0, 0.4));
    if (rng.chance(0.15)) drawDisc(c, x1, y1, rr * 1.9, (_nd, ux, uy) => domeShade(s, base + 0.1, ux, uy, 0.4));
  }
}

/**
 * Fibres: a mat of thick curved tubes. Each fibre is a smooth random walk drawn as short capsules;
 * fibres lower in the mat are darker (less signal escapes from depth).
 */
export function fibres(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.06, 0.12), 0.06, 0.2);
  const rMean = u * rng.range(0.035, 0.065) * zoom;
  const n = Math.round(rng.range(5, 11) / zoom);
  const diag = Math.hypot(c.w, c.h);
  for (let i = 0; i < n; i++) {
    const depth = (i + 1) / n;
    const r = rMean * rng.range(0.7, 1.3);
    const base = 0.35 + 0.4 * depth + rng.range(-0.05, 0.05);
    // Start outside-ish and walk across the frame with slowly turning direction.
    let [x, y] = randomPoint(s);
    let a = rng.range(0, 2 * Math.PI);
    x -= Math.cos(a) * diag * 0.5;
    y -= Math.sin(a) * diag * 0.5;
    let turn = rng.gaussian(0, 0.01);
    const step = Math.max(1.5, r * 1.2);
    const steps = Math.ceil((diag * 1.2) / step);
    for (let k = 0; k < steps; k++) {
      turn += rng.gaussian(0, 0.004);
      turn *= 0.97;
      a += turn;
      const x1 = x + Math.cos(a) * step, y1 = y + Math.sin(a) * step;
      if (x1 > -r && y1 > -r && x1 < c.w + r && y1 < c.h + r) {
        drawCapsule(c, x, y, x1, y1, r, (_nd, side) => domeShade(s, base, side, 0, 0.35));
      }
      x = x1;
      y = y1;
    }
  }
}
