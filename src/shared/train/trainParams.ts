import { parseAugParam, type AugToggles } from './augToggles';
import { FAST_VIEWS, type TrainMode } from './trainMode';

/** The Train step's own URL parameters: `?mode=fast|full`, `?aug=none|all|flip,rot90,…`, `?views=8`. */
export interface TrainParams {
  mode: TrainMode | null;
  aug: AugToggles | null;
  views: number | null;
  /** bad values, in words (the form falls back to its defaults) */
  problems: string[];
}

export function parseTrainParams(search: string): TrainParams {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const m = q.get('mode')?.trim().toLowerCase() ?? null;
  const mode = m === 'fast' || m === 'full' ? m : null;
  if (m !== null && mode === null) problems.push(`mode: "${m}" is neither fast nor full`);
  let aug: AugToggles | null = null;
  try {
    aug = parseAugParam(q.get('aug'));
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  const v = q.get('views');
  const n = v === null ? NaN : Number(v);
  const views = Number.isInteger(n) && n >= FAST_VIEWS.min && n <= FAST_VIEWS.max ? n : null;
  if (v !== null && views === null) problems.push(`views: must be a whole number from ${FAST_VIEWS.min} to ${FAST_VIEWS.max}`);
  return { mode, aug, views, problems };
}
