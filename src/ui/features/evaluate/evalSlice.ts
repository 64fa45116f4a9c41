import type { StateCreator } from 'zustand';
import { PUBLISHED_REFERENCES, type ReferenceResult } from '../../../shared/eval/references';
import type { BaselineResult } from '../../../shared/eval/baseline';
import type { Evaluation } from '../../../shared/eval/types';
import type { TrainRecipe } from '../../../shared/train/recipe';
import type { Store } from '../../store';

export type EvalState = 'idle' | 'running' | 'done' | 'error';

export interface EvalProgress {
  done: number;
  total: number;
  tta: boolean;
  etaSeconds: number | null;
  /** 'reference': the training images' features for the unfamiliar-image check (after a run, before the validation images) */
  stage?: 'predict' | 'reference';
}

export interface EvalSlice {
  evalState: EvalState;
  evaluation: Evaluation | null;
  evalProgress: EvalProgress | null;
  evalError: string | null;
  /** what the worker did to go on during the evaluation (out of memory, lost GPU device) */
  evalNotices: string[];
  /** the recipe of the last training run, for the report's model card */
  runRecipe: TrainRecipe | null;
  /** reference rows of the per-class table (the published ones first, editable) */
  references: ReferenceResult[];
  /** evaluate with TTA too when a run ends */
  ttaAfterRun: boolean;
  ttaAfterRunSet: (on: boolean) => void;
  runRecipeSet: (recipe: TrainRecipe) => void;
  evaluationCleared: () => void;
  evaluationRequested: () => void;
  evaluationProgressed: (p: EvalProgress) => void;
  evaluationReceived: (e: Evaluation) => void;
  evaluationFailed: (message: string) => void;
  evaluationNoticed: (message: string) => void;
  referencesChanged: (refs: ReferenceResult[]) => void;
  /** the classical baseline on the same split (src/ui/features/evaluate/baselineRun.ts) */
  baselineState: EvalState;
  baseline: BaselineResult | null;
  baselineError: string | null;
  baselineStarted: () => void;
  baselineReceived: (b: BaselineResult) => void;
  baselineFailed: (message: string) => void;
}

export const createEvalSlice: StateCreator<Store, [], [], EvalSlice> = (set) => ({
  evalState: 'idle',
  evaluation: null,
  evalProgress: null,
  evalError: null,
  evalNotices: [],
  runRecipe: null,
  references: [...PUBLISHED_REFERENCES],
  ttaAfterRun: false,
  ttaAfterRunSet: (ttaAfterRun) => set({ ttaAfterRun }),
  runRecipeSet: (runRecipe) => set({ runRecipe }),
  evaluationCleared: () => set({ evalState: 'idle', evaluation: null, evalProgress: null, evalError: null, evalNotices: [], baselineState: 'idle', baseline: null, baselineError: null }),
  evaluationRequested: () => set({ evalState: 'running', evalProgress: null, evalError: null, evalNotices: [] }),
  evaluationProgressed: (evalProgress) => set({ evalState: 'running', evalProgress }),
  evaluationReceived: (evaluation) => set({ evalState: 'done', evaluation, evalProgress: null, evalError: null }),
  // A failed re-evaluation keeps the evaluation that was there.
  evaluationFailed: (evalError) => set({ evalState: 'error', evalProgress: null, evalError }),
  evaluationNoticed: (message) => set((s) => ({ evalNotices: [...s.evalNotices, message] })),
  referencesChanged: (references) => set({ references }),
  baselineState: 'idle',
  baseline: null,
  baselineError: null,
  baselineStarted: () => set({ baselineState: 'running', baselineError: null }),
  baselineReceived: (baseline) => set({ baselineState: 'done', baseline, baselineError: null }),
  baselineFailed: (baselineError) => set({ baselineState: 'error', baseline: null, baselineError }),
});
