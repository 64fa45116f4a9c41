import { describe, expect, it } from 'vitest';
import { ScheduleError, defaultEpochs, epochSeconds, formatSchedule, parseSchedule, resolveSchedule, sizeAtEpoch, totalEpochs } from './schedule';

describe('parseSchedule', () => {
  it('reads fixed and open stages, with spaces and × accepted', () => {
    expect(parseSchedule('64x2,128x1,224x?').stages).toEqual([
      { size: 64, epochs: 2 }, { size: 128, epochs: 1 }, { size: 224, epochs: null },
    ]);
    expect(parseSchedule(' 64 x 2 ; 128×?  224X3 ').stages).toEqual([
      { size: 64, epochs: 2 }, { size: 128, epochs: null }, { size: 224, epochs: 3 },
    ]);
    expect(parseSchedule('64x2,128x1,224x?').warnings).toEqual([]);
  });

  it('rejects malformed stages and out-of-range numbers with the stage named', () => {
    expect(() => parseSchedule('')).toThrow(ScheduleError);
    expect(() => parseSchedule('64')).toThrow(/"64" is not a stage/);
    expect(() => parseSchedule('64x2,abc')).toThrow(/"abc"/);
    expect(() => parseSchedule('8x2')).toThrow(/between 16 and 1024/);
    expect(() => parseSchedule('2048x1')).toThrow(/between 16 and 1024/);
    expect(() => parseSchedule('64x0')).toThrow(/between 1 and 1000/);
    expect(() => parseSchedule('64x1001')).toThrow(/between 1 and 1000/);
    expect(() => parseSchedule('64x-1')).toThrow(ScheduleError);
    expect(() => parseSchedule('64x1.5')).toThrow(ScheduleError);
  });

  it('warns, not fails, on sizes that are no multiple of 32 and on shrinking sizes', () => {
    const { stages, warnings } = parseSchedule('100x1,48x1');
    expect(stages).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/100 px is not a multiple of 32/);
    expect(warnings.join('\n')).toMatch(/48 px comes after 100 px/);
  });
});

describe('resolveSchedule', () => {
  it('without a speed, fills ? with 256/size epochs and keeps fixed stages', () => {
    expect([64, 128, 224, 512].map(defaultEpochs)).toEqual([4, 2, 1, 1]);
    const r = resolveSchedule(parseSchedule('64x?,128x3,224x?').stages, { datasetSize: 100 });
    expect(formatSchedule(r.stages)).toBe('64x4,128x3,224x1');
    expect(r.estimatedSeconds).toBeNull();
  });

  it('with a budget, gives each ? stage an equal time slice: more epochs at small sizes on a slow device', () => {
    // 200 images at 0.05 s each at 64 px: 10 s per epoch at 64 px, 40 s at 128, 122.5 s at 224
    expect(epochSeconds(128, 200, 0.05)).toBeCloseTo(40);
    const r = resolveSchedule(parseSchedule('64x?,128x?,224x?').stages, { datasetSize: 200, secondsPerImageAt64: 0.05, budgetMinutes: 6 });
    // 360 s / 3 = 120 s per stage → 12 (capped to 10), 3, 0 → at least 1
    expect(formatSchedule(r.stages)).toBe('64x10,128x3,224x1');
    expect(r.estimatedSeconds).toBeCloseTo(100 + 120 + 122.5);
    expect(r.warnings).toEqual([]);
  });

  it('takes the fixed stages out of the budget first and warns when the minimum does not fit', () => {
    const r = resolveSchedule(parseSchedule('64x?,224x5').stages, { datasetSize: 200, secondsPerImageAt64: 0.05, budgetMinutes: 1 });
    expect(formatSchedule(r.stages)).toBe('64x1,224x5');
    expect(r.warnings[0]).toMatch(/more than the 1 min budget/);
    expect(() => resolveSchedule([{ size: 64, epochs: null }], { datasetSize: 0 })).toThrow(ScheduleError);
  });
});

describe('sizeAtEpoch', () => {
  it('walks the stages epoch by epoch and stays at the last size past the end', () => {
    const stages = [{ size: 64, epochs: 2 }, { size: 128, epochs: 1 }, { size: 224, epochs: 1 }];
    expect([0, 1, 2, 3, 4, 9].map((e) => sizeAtEpoch(stages, e))).toEqual([64, 64, 128, 224, 224, 224]);
    expect(totalEpochs(stages)).toBe(4);
    expect(() => sizeAtEpoch([], 0)).toThrow(ScheduleError);
  });
});
