import { describe, expect, it } from 'vitest';
import { downscaleToWidth, resizeGray, toGray, type GrayImage } from './gray';

describe('toGray', () => {
  it('gray, RGB and RGBA input', () => {
    expect(Array.from(toGray(2, 1, [10, 20], 1).data)).toEqual([10, 20]);
    expect(Array.from(toGray(2, 1, [255, 0, 0, 0, 255, 0], 3).data)).toEqual([76, 150]);
    expect(Array.from(toGray(1, 1, [9, 9, 9, 0], 4).data)).toEqual([9]);
    expect(() => toGray(2, 2, [1, 2], 1)).toThrow(/expected 4/);
  });
});

describe('resizeGray', () => {
  const ramp: GrayImage = { width: 8, height: 2, data: Uint8Array.from([0, 10, 20, 30, 40, 50, 60, 70, 0, 10, 20, 30, 40, 50, 60, 70]) };

  it('averages areas, including fractional coverage', () => {
    expect(Array.from(resizeGray(ramp, 4, 1).data)).toEqual([5, 25, 45, 65]);
    // 8 → 3: each output covers 8/3 source pixels.
    expect(Array.from(resizeGray(ramp, 3, 1).data)).toEqual([9, 35, 61]);
  });

  it('keeps the mean of a noisy image', () => {
    const data = Uint8Array.from({ length: 1024 * 768 }, (_, i) => (i * 2654435761) >>> 24);
    const img = { width: 1024, height: 768, data };
    const mean = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean(resizeGray(img, 256, 192).data) - mean(data))).toBeLessThan(0.6);
  });

  it('a sub-rectangle, and copies rather than aliases at the same size', () => {
    expect(Array.from(resizeGray(ramp, 2, 1, { x: 4, y: 0, width: 4, height: 2 }).data)).toEqual([45, 65]);
    const same = resizeGray(ramp, 8, 2);
    expect(same.data).toEqual(ramp.data);
    expect(same.data).not.toBe(ramp.data);
  });

  it('downscaleToWidth keeps the aspect ratio and leaves small images alone', () => {
    const img = { width: 1000, height: 750, data: new Uint8Array(750_000) };
    expect([downscaleToWidth(img, 256).width, downscaleToWidth(img, 256).height]).toEqual([256, 192]);
    expect(downscaleToWidth(ramp, 256)).toBe(ramp);
  });
});
