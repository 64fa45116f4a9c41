// Self-contained SVG (strings, no DOM) for the downloadable report: confusion matrix, line and bar charts.
// Every user string goes through escapeXml; nothing refers to another file or origin.

import { viridis, textOn } from './colormap';
import { rowNormalised } from './metrics';

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A class name shortened for an axis label (the full one goes in a title). */
export function shortLabel(name: string, max = 22): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

export interface CmLayout {
  cell: number;
  /** room for the true-class names on the left */
  left: number;
  /** room for the predicted-class names on top */
  top: number;
  width: number;
  height: number;
  fontSize: number;
}

/** Geometry of the confusion matrix, shared by the page's heatmap and the report's, readable up to ~30 classes. */
export function confusionLayout(classNames: readonly string[]): CmLayout {
  const k = classNames.length;
  const cell = k <= 6 ? 56 : k <= 12 ? 42 : k <= 20 ? 30 : 22;
  const fontSize = k <= 12 ? 12 : k <= 20 ? 10 : 9;
  const longest = Math.max(4, ...classNames.map((c) => shortLabel(c).length));
  const label = Math.ceil(longest * fontSize * 0.6) + 28; // + the axis title
  return { cell, left: label, top: label, width: label + k * cell + 8, height: label + k * cell + 8, fontSize };
}

/** Number shown in a cell: the count, or the row share in percent. */
export function cellText(count: number, share: number, normalise: boolean): string {
  return normalise ? `${Math.round(share * 100)}%` : String(count);
}

export function confusionSvg(confusion: readonly (readonly number[])[], classNames: readonly string[], normalise: boolean): string {
  const L = confusionLayout(classNames);
  const shares = rowNormalised(confusion);
  const max = Math.max(1, ...confusion.flat());
  const parts: string[] = [];
  classNames.forEach((name, i) => {
    const y = L.top + i * L.cell + L.cell / 2;
    parts.push(`<text x="${L.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle"><title>${escapeXml(name)}</title>${escapeXml(shortLabel(name))}</text>`);
    const x = L.left + i * L.cell + L.cell / 2;
    parts.push(`<text transform="translate(${x} ${L.top - 6}) rotate(-90)" dominant-baseline="middle"><title>${escapeXml(name)}</title>${escapeXml(shortLabel(name))}</text>`);
  });
  confusion.forEach((row, i) =>
    row.forEach((count, j) => {
      const t = normalise ? shares[i][j] : count / max;
      const x = L.left + j * L.cell;
      const y = L.top + i * L.cell;
      const tip = `${classNames[i]} predicted as ${classNames[j]}: ${count} (${(shares[i][j] * 100).toFixed(1)}% of ${classNames[i]})`;
      parts.push(
        `<g><title>${escapeXml(tip)}</title><rect x="${x}" y="${y}" width="${L.cell}" height="${L.cell}" fill="${viridis(t)}" stroke="#fff"/>` +
          `<text x="${x + L.cell / 2}" y="${y + L.cell / 2}" text-anchor="middle" dominant-baseline="middle" fill="${textOn(t)}">${cellText(count, shares[i][j], normalise)}</text></g>`,
      );
    }),
  );
  parts.push(`<text x="${L.left + (classNames.length * L.cell) / 2}" y="12" text-anchor="middle" font-weight="600">predicted</text>`);
  parts.push(`<text transform="translate(12 ${L.top + (classNames.length * L.cell) / 2}) rotate(-90)" text-anchor="middle" font-weight="600">actual</text>`);
  return svgRoot(L.width, L.height, L.fontSize, parts.join(''), 'Confusion matrix');
}

function svgRoot(width: number, height: number, fontSize: number, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}" font-family="system-ui, sans-serif" font-size="${fontSize}">${body}</svg>`;
}

/** About five round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface LineSeries {
  name: string;
  color: string;
  points: readonly { x: number; y: number }[];
  dashed?: boolean;
}

export interface ChartBand {
  x0: number;
  x1: number;
  label: string;
}

const fmt = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** A line chart with a legend and optional shaded x bands (progressive-resizing stages). */
export function lineChartSvg(o: { title: string; xLabel: string; series: readonly LineSeries[]; bands?: readonly ChartBand[]; width?: number; height?: number }): string {
  const W = o.width ?? 640;
  const H = o.height ?? 260;
  const m = { l: 56, r: 12, t: 28, b: 40 };
  const pts = o.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = [...pts.map((p) => p.x), ...(o.bands ?? []).flatMap((b) => [b.x0, b.x1])];
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length ? Math.max(...xs, x0 + 1e-9) : 1;
  const ys = pts.map((p) => p.y);
  const y0 = Math.min(0, ...ys);
  const y1 = ys.length ? Math.max(...ys, y0 + 1e-9) : 1;
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - ((y - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const parts: string[] = [`<text x="${m.l}" y="16" font-weight="600">${escapeXml(o.title)}</text>`];
  (o.bands ?? []).forEach((b, i) => {
    parts.push(`<rect x="${sx(b.x0)}" y="${m.t}" width="${Math.max(0, sx(b.x1) - sx(b.x0))}" height="${H - m.t - m.b}" fill="${i % 2 ? '#eef2f7' : '#f7f9fb'}"/>`);
    parts.push(`<text x="${sx(b.x0) + 4}" y="${m.t + 12}" fill="#5b6b7c" font-size="10">${escapeXml(b.label)}</text>`);
  });
  for (const t of niceTicks(y0, y1)) {
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${sy(t)}" y2="${sy(t)}" stroke="#dde3ea"/><text x="${m.l - 6}" y="${sy(t)}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<text x="${sx(t)}" y="${H - m.b + 14}" text-anchor="middle">${fmt(t)}</text>`);
  }
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" fill="#5b6b7c">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#5b6b7c"/>`);
  let lx = W - m.r;
  [...o.series].reverse().forEach((s) => {
    const w = s.name.length * 6.5 + 22;
    lx -= w;
    parts.push(`<line x1="${lx}" x2="${lx + 14}" y1="12" y2="12" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/><text x="${lx + 18}" y="12" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
  });
  for (const s of o.series) {
    const p = s.points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
    if (!p.length) continue;
    const d = p.map((q, i) => `${i ? 'L' : 'M'}${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    if (p.length < 30) for (const q of p) parts.push(`<circle cx="${sx(q.x).toFixed(1)}" cy="${sy(q.y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
  }
  return svgRoot(W, H, 11, parts.join(''), o.title);
}

/** Grouped bars in [0, 1] (precision, recall, F1 per class). */
export function groupedBarSvg(o: { title: string; categories: readonly string[]; series: readonly { name: string; color: string; values: readonly number[] }[]; width?: number }): string {
  const k = o.categories.length;
  const W = o.width ?? Math.max(480, 60 + k * 16 * o.series.length + k * 10);
  const H = 300;
  const m = { l: 40, r: 12, t: 28, b: 90 };
  const groupW = (W - m.l - m.r) / Math.max(1, k);
  const barW = Math.max(2, (groupW - 6) / Math.max(1, o.series.length));
  const sy = (v: number) => H - m.b - Math.min(1, Math.max(0, v)) * (H - m.t - m.b);
  const parts: string[] = [`<text x="${m.l}" y="16" font-weight="600">${escapeXml(o.title)}</text>`];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${sy(t)}" y2="${sy(t)}" stroke="#dde3ea"/><text x="${m.l - 6}" y="${sy(t)}" text-anchor="end" dominant-baseline="middle">${t}</text>`);
  }
  o.categories.forEach((c, i) => {
    const gx = m.l + i * groupW + 3;
    o.series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      parts.push(`<rect x="${(gx + j * barW).toFixed(1)}" y="${sy(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(H - m.b - sy(v)).toFixed(1)}" fill="${s.color}"><title>${escapeXml(`${c} ${s.name}: ${v.toFixed(3)}`)}</title></rect>`);
    });
    parts.push(`<text transform="translate(${(gx + groupW / 2).toFixed(1)} ${H - m.b + 8}) rotate(45)" font-size="10">${escapeXml(shortLabel(c))}</text>`);
  });
  let lx = W - m.r;
  [...o.series].reverse().forEach((s) => {
    lx -= s.name.length * 6.5 + 22;
    parts.push(`<rect x="${lx}" y="7" width="12" height="10" fill="${s.color}"/><text x="${lx + 16}" y="12" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
  });
  return svgRoot(W, H, 11, parts.join(''), o.title);
}
