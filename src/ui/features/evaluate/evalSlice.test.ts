import { beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/eval/types';
import { resetStore, useStore } from '../../store';

const evaluation: Evaluation = {
  runId: null, classNames: ['a', 'b'], split: 'valid', size: 48, ttaItems: null, createdAt: 1,
  items: [{ hash: 'h', path: 'r/a/1.png', label: 0, probs: [0.7, 0.3] }],
};

describe('evaluation slice', () => {
  beforeEach(() => resetStore());

  it('starts empty with the published references', () => {
    const s = useStore.getState();
    expect(s.evaluation).toBeNull();
    expect(s.evalState).toBe('idle');
    expect(s.references).toHaveLength(2);
  });

  it('goes running → done and keeps the last evaluation when a re-evaluation fails', () => {
    const s = useStore.getState();
    s.evaluationRequested();
    s.evaluationProgressed({ done: 1, total: 2, tta: false, etaSeconds: 3 });
    expect(useStore.getState()).toMatchObject({ evalState: 'running', evalProgress: { done: 1 } });
    s.evaluationReceived(evaluation);
    expect(useStore.getState()).toMatchObject({ evalState: 'done', evaluation, evalProgress: null });
    s.evaluationRequested();
    s.evaluationFailed('worker gone');
    expect(useStore.getState()).toMatchObject({ evalState: 'error', evaluation, evalError: 'worker gone' });
  });

  it('is cleared for a new run', () => {
    useStore.getState().evaluationReceived(evaluation);
    useStore.getState().evaluationCleared();
    expect(useStore.getState()).toMatchObject({ evalState: 'idle', evaluation: null });
  });
});
