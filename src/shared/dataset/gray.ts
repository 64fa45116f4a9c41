// Small raster helpers shared by data-bar detection and perceptual hashing, which both work on a
// downscaled gray copy of each image rather than on the full frame.

/** 8-bit grayscale raster, row-major, `data.length === width * height` (same shape as synth's GrayImage). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Luma (Rec. 601 weights, as most SEM software saves gray as R=G=B anyway) from interleaved 8-bit samples:
 * 1 (gray), 3 (RGB) or 4 (RGBA, e.g. canvas ImageData) channels. Alpha is ignored.
 */
export function toGray(width: number, height: number, data: ArrayLike<number>, channels: 1 | 3 | 4): GrayImage {
  const n = width * height;
  if (data.length < n * channels) throw new Error(`toGray: expected ${n * channels} samples, got ${data.length}`);
  const out = new Uint8Array(n);
  if (channels === 1) {
    for (let i = 0; i < n; i++) out[i] = data[i];
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      out[i] = (data[j] * 299 + data[j + 1] * 587 + data[j + 2] * 114 + 500) / 1000;
    }
  }
  return { width, height, data: out };
}

/** A source rectangle in pixels; fractional edges are weighted by their coverage. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Area-average resize of the whole image (or of `rect`) to exactly w×h: a box filter with fractional
 * pixel coverage. Averaging rather than sampling keeps thin text strokes and noise statistics faithful
 * at 4× reduction; upscaling degenerates to nearest-neighbour blocks, fine for hashing a tiny image.
 */
export function resizeGray(img: GrayImage, w: number, h: number, rect?: Rect): GrayImage {
  const { width, height, data } = img;
  const r = rect ?? { x: 0, y: 0, width, height };
  if (!rect && w === width && h === height) return { width, height, data: data.slice() };
  const xSpans = spans(r.x, r.width, width, w);
  const ySpans = spans(r.y, r.height, height, h);
  const rowAcc = new Float64Array(w);
  const out = new Uint8Array(w * h);
  for (let oy = 0; oy < h; oy++) {
    rowAcc.fill(0);
    for (const [sy, wy] of ySpans[oy]) {
      const base = sy * width;
      for (let ox = 0; ox < w; ox++) {
        let s = 0;
        for (const [sx, wx] of xSpans[ox]) s += data[base + sx] * wx;
        rowAcc[ox] += s * wy;
      }
    }
    for (let ox = 0; ox < w; ox++) out[oy * w + ox] = Math.min(255, Math.round(rowAcc[ox]));
  }
  return { width: w, height: h, data: out };
}

/** Downscale so that the width is at most maxWidth, keeping the aspect ratio. */
export function downscaleToWidth(img: GrayImage, maxWidth: number): GrayImage {
  if (img.width <= maxWidth) return img;
  const h = Math.max(1, Math.round((img.height * maxWidth) / img.width));
  return resizeGray(img, maxWidth, h);
}

/**
 * For each output pixel, the source pixels it covers and their weights (summing to 1), mapping
 * [start, start + span) of a source axis of length `size` onto `to` outputs. Clamped to the image.
 */
function spans(start: number, span: number, size: number, to: number): [number, number][][] {
  const scale = span / to;
  const out: [number, number][][] = [];
  for (let o = 0; o < to; o++) {
    const a = Math.max(0, start + o * scale);
    const b = Math.min(size, start + (o + 1) * scale);
    const list: [number, number][] = [];
    let total = 0;
    for (let s = Math.floor(a); s < Math.ceil(b); s++) {
      const cover = Math.min(b, s + 1) - Math.max(a, s);
      if (cover > 1e-9) {
        list.push([s, cover]);
        total += cover;
      }
    }
    if (total === 0) {
      // A rectangle reaching past the image: repeat the nearest edge pixel.
      list.push([Math.min(size - 1, Math.max(0, Math.floor(a))), 1]);
      total = 1;
    }
    for (const e of list) e[1] /= total;
    out.push(list);
  }
  return out;
}
