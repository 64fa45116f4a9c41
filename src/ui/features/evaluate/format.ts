/** Plain decimal for data-* attributes (the contract: 0.9412, not 94 %). */
export const fmt4 = (v: number) => v.toFixed(4);
/** Percent with one decimal for people; '–' for unknown. */
export const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
