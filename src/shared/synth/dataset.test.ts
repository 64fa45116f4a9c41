import { describe, expect, it } from 'vitest';
import { planSyntheticDataset, renderPlanned } from './dataset';
import { downscale, meanAbsDiff } from './stats';
import type { GrayImage } from './types';

/**
 * Pearson correlation of 32x24 thumbnails: what a near-duplicate detector looks at — detector noise
 * averages out and a brightness/contrast change does not count.
 */
function thumbCorr(a: GrayImage, b: GrayImage): number {
  const x = downscale(a, 32, 24), y = downscale(b, 32, 24);
  let mx = 0, my = 0;
  for (let i = 0; i < x.length; i++) { mx += x[i]; my += y[i]; }
  mx /= x.length; my /= y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const base = { classes: ['particles', 'films', 'nanowires'] as const, width: 128, height: 96, seed: 11 };

describe('planSyntheticDataset', () => {
  it('names files per class folder and is deterministic', () => {
    const a = planSyntheticDataset({ ...base, classes: [...base.classes], perClass: 5, dataBarRate: 0.4 });
    const b = planSyntheticDataset({ ...base, classes: [...base.classes], perClass: 5, dataBarRate: 0.4 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(15);
    expect(a[0].file).toBe('particles/img_0000.png');
    expect(a[14].file).toBe('nanowires/img_0004.png');
    expect(new Set(a.map((x) => x.file)).size).toBe(15);
    expect(new Set(a.map((x) => x.seed)).size).toBe(15);
    const c = planSyntheticDataset({ ...base, classes: [...base.classes], perClass: 5, seed: 12 });
    expect(c.map((x) => x.seed)).not.toEqual(a.map((x) => x.seed));
  });

  it('supports per-class counts and exact bar counts', () => {
    const plan = planSyntheticDataset({ ...base, classes: [...base.classes], perClass: [10, 0, 3], dataBarRate: 0.3 });
    expect(plan.filter((p) => p.kind === 'particles')).toHaveLength(10);
    expect(plan.filter((p) => p.kind === 'films')).toHaveLength(0);
    expect(plan.filter((p) => p.kind === 'nanowires')).toHaveLength(3);
    expect(plan.filter((p) => p.kind === 'particles' && p.dataBar)).toHaveLength(3);
    expect(plan.filter((p) => p.kind === 'nanowires' && p.dataBar)).toHaveLength(1);
    for (const p of plan) {
      if (!p.dataBar) continue;
      expect(['bright', 'dark']).toContain(p.dataBar.style);
      expect(['bottom', 'above-bottom']).toContain(p.dataBar.position);
      expect(p.dataBar.heightFrac).toBeGreaterThanOrEqual(0.06);
      expect(p.dataBar.heightFrac).toBeLessThanOrEqual(0.12);
    }
    expect(planSyntheticDataset({ ...base, classes: [...base.classes], perClass: 4 }).every((p) => p.dataBar === null)).toBe(true);
  });

  it('plans near-duplicate twins of earlier images of the same class', () => {
    const plan = planSyntheticDataset({ ...base, classes: [...base.classes], perClass: 20, nearDuplicateRate: 0.25, dataBarRate: 0.5 });
    const byFile = new Map(plan.map((p) => [p.file, p]));
    const twins = plan.filter((p) => p.twinOf);
    expect(twins).toHaveLength(15); // 5 per class
    for (const t of twins) {
      const orig = byFile.get(t.twinOf!)!;
      expect(orig.kind).toBe(t.kind);
      expect(orig.twinOf).toBeUndefined();
      expect(orig.file < t.file).toBe(true);
      expect(t.seed).toBe(orig.seed);
      expect(t.dataBar).toEqual(orig.dataBar);
      expect(t.shot).toBeDefined();
    }
  });
});

describe('renderPlanned', () => {
  it('renders deterministically at any size', () => {
    const [item] = planSyntheticDataset({ ...base, classes: ['porous'], perClass: 1, dataBarRate: 1 });
    const a = renderPlanned(item, 64, 48), b = renderPlanned(item, 64, 48);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(renderPlanned(item, 100, 30).data.length).toBe(3000);
  });

  it('twins are close to their original but not identical', () => {
    const plan = planSyntheticDataset({ ...base, perClass: 12, nearDuplicateRate: 0.25, classes: [...base.classes] });
    const byFile = new Map(plan.map((p) => [p.file, p]));
    for (const t of plan.filter((p) => p.twinOf)) {
      const orig = byFile.get(t.twinOf!)!;
      const imgT = renderPlanned(t, 128, 96), imgO = renderPlanned(orig, 128, 96);
      // Not a byte copy: fresh detector noise and a small shift.
      expect(meanAbsDiff(imgT, imgO), t.file).toBeGreaterThan(1);
      // But the same specimen: its thumbnail matches the original far better than any other image of the class.
      const cTwin = thumbCorr(imgT, imgO);
      expect(cTwin, t.file).toBeGreaterThan(0.5);
      for (const other of plan.filter((p) => p.kind === t.kind && p.seed !== orig.seed)) {
        expect(thumbCorr(renderPlanned(other, 128, 96), imgO), `${t.file} vs ${other.file}`).toBeLessThan(cTwin);
      }
    }
  });
});
