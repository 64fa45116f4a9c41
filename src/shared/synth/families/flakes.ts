import { fillConvex } from '../raster';
import { fillBackground, randomPoint, type Scene } from '../scene';

/**
 * Powder: a dense pile of irregular faceted flakes (convex polygons of random vertices) of widely
 * varying size. Each facet has its own tilt, hence its own flat brightness with a gentle gradient,
 * and a bright bevel at its edges.
 */
export function powder(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.06, 0.14), 0.05, 0.2);
  const rMean = u * rng.range(0.03, 0.06) * zoom;
  // Total flake area ≈ 1.3–1.9× the frame: the pile covers almost everything.
  const n = Math.min(3000, Math.round((rng.range(1.3, 1.9) * c.w * c.h) / (Math.PI * rMean * rMean * 0.7)));
  const bevel = Math.max(0.8, u * 0.004);
  for (let i = 0; i < n; i++) {
    const r = rMean * Math.exp(rng.gaussian(0, 0.55));
    const [cx, cy] = randomPoint(s);
    const k = rng.int(5, 8);
    const angles: number[] = [];
    for (let j = 0; j < k; j++) angles.push(rng.range(0, 2 * Math.PI));
    angles.sort((a, b) => a - b);
    const elong = rng.range(0.5, 1);
    const rot = rng.range(0, Math.PI);
    const pts: number[] = [];
    for (const a of angles) {
      const rr = r * rng.range(0.7, 1.1);
      const px = Math.cos(a) * rr, py = Math.sin(a) * rr * elong;
      pts.push(cx + px * Math.cos(rot) - py * Math.sin(rot), cy + px * Math.sin(rot) + py * Math.cos(rot));
    }
    // Facet tilt: a linear gradient across the flake; later flakes lie on top, hence slightly brighter.
    const base = rng.range(0.35, 0.7) + 0.1 * (i / n);
    const gx = rng.gaussian(0, 0.12) / r, gy = rng.gaussian(0, 0.12) / r;
    fillConvex(c, pts, (x, y, inset) => base + gx * (x - cx) + gy * (y - cy) + (inset < bevel ? 0.2 : 0));
  }
}
