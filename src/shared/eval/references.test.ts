import { describe, expect, it } from 'vitest';
import { parseScore, PUBLISHED_REFERENCES } from './references';

describe('reference results', () => {
  it('pre-fills the two published results', () => {
    expect(PUBLISHED_REFERENCES.map((r) => [r.accuracy, r.precision, r.recall])).toEqual([[0.89, 0.8, 0.89], [0.945, 0.942, 0.918]]);
  });

  it('reads fractions, percents and empty input', () => {
    expect(parseScore('0.88')).toEqual({ value: 0.88 });
    expect(parseScore('88%')).toEqual({ value: 0.88 });
    expect(parseScore(' 94.5 ')).toEqual({ value: 0.945 });
    expect(parseScore('0,9')).toEqual({ value: 0.9 });
    expect(parseScore('')).toEqual({ value: null });
  });

  it('explains bad input', () => {
    expect(parseScore('abc')).toHaveProperty('error');
    expect(parseScore('150%')).toHaveProperty('error');
    expect(parseScore('-0.2')).toHaveProperty('error');
  });
});
