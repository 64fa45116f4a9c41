// Ordering the review queue by how unsure the model is (active learning's uncertainty sampling): the
// images whose label teaches the model most come first. Margin: top-1 minus top-2 probability, smallest
// first; entropy: −Σ p log p, largest first (it looks at every class, margin only at the two best).

export type UncertaintyMeasure = 'margin' | 'entropy';

export interface Scored {
  /** index of the most probable class */
  pred: number;
  confidence: number;
  margin: number;
  entropy: number;
}

export function score(probs: readonly number[]): Scored {
  let best = -1;
  let second = -1;
  let pred = 0;
  let entropy = 0;
  probs.forEach((p, i) => {
    if (p > best) {
      second = best;
      best = p;
      pred = i;
    } else if (p > second) second = p;
    if (p > 0) entropy -= p * Math.log(p);
  });
  return { pred, confidence: Math.max(0, best), margin: probs.length > 1 ? best - Math.max(0, second) : 1, entropy };
}

/** Most uncertain first; ties by id, so the order does not depend on arrival order. */
export function uncertaintyOrder<T extends { id: string; scored: Scored }>(items: readonly T[], by: UncertaintyMeasure): T[] {
  const key = (s: Scored) => (by === 'margin' ? s.margin : -s.entropy);
  return [...items].sort((a, b) => key(a.scored) - key(b.scored) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
