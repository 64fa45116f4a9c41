import { describe, expect, it } from 'vitest';
import { scaleShortcut, type ScaleItem } from './magShortcut';

const px = (label: string, ...nm: (number | null)[]): ScaleItem[] => nm.map((v) => ({ label, pixelSizeNm: v, magnification: null }));
const mag = (label: string, ...x: number[]): ScaleItem[] => x.map((v) => ({ label, pixelSizeNm: null, magnification: v }));

describe('scaleShortcut', () => {
  it('warns when each class has its own pixel size, with per-class ranges', () => {
    const r = scaleShortcut([...px('fibres', 2, 2.2, 1.9, 2.1), ...px('particles', 20, 25, 18, 22)])!;
    expect(r.quantity).toBe('pixelSizeNm');
    expect(r.balancedAccuracy).toBe(1);
    expect(r.warn).toBe(true);
    expect(r.perClass).toEqual([
      { label: 'fibres', count: 4, known: 4, min: 1.9, median: 2.05, max: 2.2, recall: 1, precision: 1 },
      { label: 'particles', count: 4, known: 4, min: 18, median: 21, max: 25, recall: 1, precision: 1 },
    ]);
    expect(r.separated).toEqual(['fibres', 'particles']);
  });

  it('does not warn when the classes share their scales', () => {
    const scales = [1, 5, 20, 1, 5, 20];
    const r = scaleShortcut([...px('a', ...scales), ...px('b', ...scales), ...px('c', ...scales)])!;
    expect(r.balancedAccuracy!).toBeLessThan(0.5);
    expect(r.separated).toEqual([]);
    expect(r.warn).toBe(false);
  });

  it('warns when one class stands apart in scale while the others share theirs', () => {
    const shared = [1, 5, 20, 1, 5, 20];
    const r = scaleShortcut([...px('a', ...shared), ...px('b', ...shared), ...px('c', 400, 450, 500, 420)])!;
    expect(r.balancedAccuracy!).toBeLessThan(0.8);
    expect(r.separated).toEqual(['c']);
    expect(r.warn).toBe(true);
  });

  it('the line sits at a balanced accuracy of 0.8: four in five warns, three in five does not', () => {
    const four = scaleShortcut([...px('a', 10, 10, 10, 10, 1000), ...px('b', 1000, 1000, 1000, 1000, 10)])!;
    expect(four.balancedAccuracy).toBeCloseTo(0.8, 12);
    expect(four.warn).toBe(true);
    const three = scaleShortcut([...px('a', 10, 10, 10, 1000, 1000), ...px('b', 1000, 1000, 1000, 10, 10)])!;
    expect(three.balancedAccuracy).toBeCloseTo(0.6, 12);
    expect(three.warn).toBe(false);
  });

  it('leaves each image out of its own class median: two-image classes cannot predict themselves', () => {
    // log10 values a: 0, 0.2 and b: 0.3, 0.5. Scored against medians that include the image itself, every
    // image is nearest its own class (1.0); left out, the two inner images tie between the classes.
    const r = scaleShortcut([...px('a', 1, 10 ** 0.2), ...px('b', 10 ** 0.3, 10 ** 0.5)])!;
    expect(r.balancedAccuracy!).toBeCloseTo(0.75, 9);
    expect(r.warn).toBe(false);
  });

  it('needs the scale on at least half the images', () => {
    const r = scaleShortcut([...px('a', 2, 2, null, null, null), ...px('b', 50, 50, null, null, null)])!;
    expect(r.balancedAccuracy).toBe(1);
    expect(r.coverage).toBeCloseTo(0.4, 12);
    expect(r.warn).toBe(false);
  });

  it('uses magnification when more images know it than know their pixel size', () => {
    const r = scaleShortcut([...mag('a', 1000, 1200, 900), ...mag('b', 50_000, 40_000, 60_000), ...px('b', 3)])!;
    expect(r.quantity).toBe('magnification');
    expect(r.warn).toBe(true);
    expect(r.perClass.find((c) => c.label === 'b')).toMatchObject({ count: 4, known: 3, median: 50_000 });
  });

  it('nothing to say without scales, and no verdict with one class', () => {
    expect(scaleShortcut([...px('a', null, null)])).toBeNull();
    const one = scaleShortcut([...px('a', 2, 3, 4)])!;
    expect(one.balancedAccuracy).toBeNull();
    expect(one.warn).toBe(false);
  });
});
