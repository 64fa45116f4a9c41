/**
 * Float raster and anti-aliased shape primitives. Families paint a "specimen brightness" map in
 * roughly [0, 1]; sem.ts later adds the detector look (edge effect, blur, noise) and quantises.
 * Every primitive only visits its bounding box, which keeps thousands of shapes per frame cheap.
 */
export interface Canvas {
  w: number;
  h: number;
  px: Float32Array;
}

export function createCanvas(w: number, h: number, fill = 0): Canvas {
  const px = new Float32Array(w * h);
  if (fill !== 0) px.fill(fill);
  return { w, h, px };
}

export const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

function bbox(c: Canvas, x0: number, y0: number, x1: number, y1: number) {
  return {
    xa: Math.max(0, Math.floor(x0)),
    xb: Math.min(c.w - 1, Math.ceil(x1)),
    ya: Math.max(0, Math.floor(y0)),
    yb: Math.min(c.h - 1, Math.ceil(y1)),
  };
}

/** Alpha-blend value v into pixel i with coverage a (anti-aliasing by signed distance). */
function put(c: Canvas, i: number, v: number, a: number): void {
  if (a >= 1) c.px[i] = v;
  else if (a > 0) c.px[i] += (v - c.px[i]) * a;
}

/** Disc; shade(nd, dx, dy) gets the normalised radius nd in [0,1] and the unit offset from the centre. */
export function drawDisc(
  c: Canvas, cx: number, cy: number, r: number,
  shade: (nd: number, ux: number, uy: number) => number,
): void {
  if (r <= 0.3) return;
  const { xa, xb, ya, yb } = bbox(c, cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1);
  for (let y = ya; y <= yb; y++) {
    const dy = y + 0.5 - cy;
    for (let x = xa; x <= xb; x++) {
      const dx = x + 0.5 - cx;
      const d = Math.sqrt(dx * dx + dy * dy);
      const a = r - d + 0.5;
      if (a <= 0) continue;
      put(c, y * c.w + x, shade(Math.min(d / r, 1), dx / r, dy / r), a);
    }
  }
}

/**
 * Capsule (thick segment with round caps). shade(nd, side) gets |distance| / r in [0,1] and the signed
 * side (-1..1) across the axis, so callers can light a cylinder from one side.
 */
export function drawCapsule(
  c: Canvas, x0: number, y0: number, x1: number, y1: number, r: number,
  shade: (nd: number, side: number) => number,
): void {
  if (r <= 0.2) return;
  const { xa, xb, ya, yb } = bbox(
    c, Math.min(x0, x1) - r - 1, Math.min(y0, y1) - r - 1, Math.max(x0, x1) + r + 1, Math.max(y0, y1) + r + 1,
  );
  const vx = x1 - x0, vy = y1 - y0;
  const len2 = vx * vx + vy * vy || 1e-9;
  const len = Math.sqrt(len2);
  // Thin lines still get some coverage: a 0.3 px wire fades instead of vanishing.
  const minA = r < 0.5 ? 2 * r : 1;
  for (let y = ya; y <= yb; y++) {
    const py = y + 0.5 - y0;
    for (let x = xa; x <= xb; x++) {
      const px = x + 0.5 - x0;
      let t = (px * vx + py * vy) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * vx, ey = py - t * vy;
      const d = Math.sqrt(ex * ex + ey * ey);
      const a = Math.min(r - d + 0.5, minA);
      if (a <= 0) continue;
      const side = (vx * py - vy * px) / len / r;
      put(c, y * c.w + x, shade(Math.min(d / r, 1), side < -1 ? -1 : side > 1 ? 1 : side), a);
    }
  }
}

/**
 * Convex polygon (x,y pairs, either winding). shade(x, y, inset) gets the pixel and its distance in px
 * to the nearest edge, so callers can draw bevels (sidewalls light up in SEM).
 */
export function fillConvex(
  c: Canvas, pts: readonly number[], shade: (x: number, y: number, inset: number) => number,
): void {
  const n = pts.length / 2;
  if (n < 3) return;
  let area = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = pts[2 * i], y = pts[2 * i + 1];
    const j = (i + 1) % n;
    area += x * pts[2 * j + 1] - pts[2 * j] * y;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const sgn = area >= 0 ? 1 : -1;
  // Inward unit normals and offsets: inset = nx*x + ny*y + off.
  const edges = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ex = pts[2 * j] - pts[2 * i], ey = pts[2 * j + 1] - pts[2 * i + 1];
    const l = Math.hypot(ex, ey) || 1e-9;
    const nx = (-ey / l) * sgn, ny = (ex / l) * sgn;
    edges[3 * i] = nx; edges[3 * i + 1] = ny;
    edges[3 * i + 2] = -(nx * pts[2 * i] + ny * pts[2 * i + 1]);
  }
  const { xa, xb, ya, yb } = bbox(c, minX - 1, minY - 1, maxX + 1, maxY + 1);
  for (let y = ya; y <= yb; y++) {
    const fy = y + 0.5;
    // Solve every half-plane for this row first: only the covered x-interval is visited.
    let lo = xa + 0.5, hi = xb + 0.5;
    for (let k = 0; k < n; k++) {
      const a = edges[3 * k], b = edges[3 * k + 1] * fy + edges[3 * k + 2] + 0.5;
      if (a > 1e-12) lo = Math.max(lo, -b / a);
      else if (a < -1e-12) hi = Math.min(hi, -b / a);
      else if (b <= 0) { lo = 1; hi = 0; }
    }
    const x0 = Math.max(xa, Math.ceil(lo - 0.5)), x1 = Math.min(xb, Math.floor(hi - 0.5));
    for (let x = x0; x <= x1; x++) {
      const fx = x + 0.5;
      let d = Infinity;
      for (let k = 0; k < n; k++) {
        const v = edges[3 * k] * fx + edges[3 * k + 1] * fy + edges[3 * k + 2];
        if (v < d) d = v;
      }
      const a = d + 0.5;
      if (a <= 0) continue;
      put(c, y * c.w + x, shade(fx, fy, d), a);
    }
  }
}

export interface Harmonic { k: number; amp: number; phase: number }

/** Radius of a star-shaped blob at angle th: r * (1 + Σ amp·cos(k·th + phase)). */
export function blobRadius(r: number, hs: readonly Harmonic[], th: number): number {
  let f = 1;
  for (const h of hs) f += h.amp * Math.cos(h.k * th + h.phase);
  return r * Math.max(f, 0.2);
}

/**
 * Irregular star-shaped blob (cells, grains). shade(nd, th, x, y) gets d / r(th) in [0,1], the angle and
 * the pixel, so callers can both dome-shade the blob and sample a texture.
 */
export function drawBlob(
  c: Canvas, cx: number, cy: number, r: number, hs: readonly Harmonic[],
  shade: (nd: number, th: number, x: number, y: number) => number,
): void {
  // Outline radius tabulated per angle: one atan2 per pixel instead of a sum of cosines.
  const N = 256;
  const rTab = new Float32Array(N + 1);
  let R = 0;
  for (let k = 0; k <= N; k++) {
    rTab[k] = blobRadius(r, hs, -Math.PI + (2 * Math.PI * k) / N);
    R = Math.max(R, rTab[k] + 1);
  }
  const { xa, xb, ya, yb } = bbox(c, cx - R, cy - R, cx + R, cy + R);
  const toIdx = N / (2 * Math.PI);
  for (let y = ya; y <= yb; y++) {
    const dy = y + 0.5 - cy;
    for (let x = xa; x <= xb; x++) {
      const dx = x + 0.5 - cx;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > R) continue;
      const th = Math.atan2(dy, dx);
      const f = (th + Math.PI) * toIdx;
      const k = Math.min(N - 1, f | 0);
      const rt = rTab[k] + (rTab[k + 1] - rTab[k]) * (f - k);
      const a = rt - d + 0.5;
      if (a <= 0) continue;
      put(c, y * c.w + x, shade(Math.min(d / rt, 1), th, x, y), a);
    }
  }
}

/** Random smooth outline harmonics; `rough` ~0.05 gives cells, ~0.25 gives jagged flakes. */
export function randomHarmonics(rand: () => number, rough: number, maxK = 6): Harmonic[] {
  const hs: Harmonic[] = [];
  for (let k = 2; k <= maxK; k++) {
    hs.push({ k, amp: (rand() * 2 - 1) * rough / Math.sqrt(k - 1), phase: rand() * 2 * Math.PI });
  }
  return hs;
}
