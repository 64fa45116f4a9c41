import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, parseSchedule } from './schedule';
import { PLAIN_LENGTHS, PLAIN_SIZES, plainChoices, plainSchedule } from './plainSchedule';

describe('plain schedule choices', () => {
  it('the default schedule is "recommended, large"', () => {
    expect(plainChoices(DEFAULT_SCHEDULE)).toEqual({ length: 'auto', size: 'large' });
  });
  it('every pair of choices is a valid schedule that reads back as the same pair', () => {
    for (const l of PLAIN_LENGTHS) {
      for (const s of PLAIN_SIZES) {
        const schedule = plainSchedule(l.id, s.id);
        expect(() => parseSchedule(schedule)).not.toThrow();
        expect(plainChoices(schedule)).toEqual({ length: l.id, size: s.id });
      }
    }
    expect(plainSchedule('quick', 'medium')).toBe('64x1,128x1');
    expect(plainSchedule('long', 'small')).toBe('64x3');
  });
  it('any other schedule is custom', () => {
    expect(plainChoices('32x2,48x1')).toBeNull();
    expect(plainChoices('64x2')).toBeNull();
    expect(plainChoices(' 64X1 , 128x1 ')).toEqual({ length: 'quick', size: 'medium' });
  });
});
