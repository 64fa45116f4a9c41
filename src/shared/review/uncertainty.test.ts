import { describe, expect, it } from 'vitest';
import { score, uncertaintyOrder } from './uncertainty';

describe('uncertainty', () => {
  it('margin is top-1 minus top-2; entropy in nats', () => {
    const s = score([0.1, 0.6, 0.3]);
    expect(s.pred).toBe(1);
    expect(s.confidence).toBeCloseTo(0.6);
    expect(s.margin).toBeCloseTo(0.3);
    expect(s.entropy).toBeCloseTo(-(0.1 * Math.log(0.1) + 0.6 * Math.log(0.6) + 0.3 * Math.log(0.3)));
    expect(score([1, 0]).entropy).toBe(0);
  });

  it('orders least margin first, or most entropy first, ties by id', () => {
    const items = [
      { id: 'sure', scored: score([0.98, 0.01, 0.01]) },
      { id: 'torn', scored: score([0.49, 0.48, 0.03]) },
      { id: 'flat', scored: score([0.4, 0.3, 0.3]) },
      { id: 'flat2', scored: score([0.4, 0.3, 0.3]) },
    ];
    expect(uncertaintyOrder(items, 'margin').map((i) => i.id)).toEqual(['torn', 'flat', 'flat2', 'sure']);
    expect(uncertaintyOrder(items, 'entropy').map((i) => i.id)).toEqual(['flat', 'flat2', 'torn', 'sure']);
  });
});
