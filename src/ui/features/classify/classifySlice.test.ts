import { beforeEach, describe, expect, it } from 'vitest';
import type { PredictionRow } from './classifySlice';
import { resetStore, useStore } from '../../store';

function pending(id: number, file: string): PredictionRow {
  return {
    id, file, source: null as unknown as File, thumbUrl: null, state: 'pending', top: [], probs: null, classNames: null,
    error: null, dataBarCropped: false, tta: false, cropDataBar: true,
  };
}

beforeEach(() => resetStore());

describe('classify slice', () => {
  it('queues rows into a run, fills them from result batches, and fails only rows still pending', () => {
    const s = useStore.getState();
    s.predictionsQueued([pending(1, 'a.png'), pending(2, 'b.tif'), pending(3, 'c.png')], 2);
    expect(useStore.getState().predictRun).toMatchObject({ state: 'running', total: 3, skipped: 2 });
    s.predictionsReceived(
      [
        { id: 1, top: [{ label: 'x', probability: 0.8 }], probs: [0.8, 0.2], error: null, dataBarCropped: true, thumb: null },
        { id: 2, top: [], probs: null, error: 'damaged TIFF', dataBarCropped: false, thumb: null },
      ],
      ['x', 'y'],
      new Map([[2, 'blob:thumb']]),
    );
    s.predictionsFailed([1, 2, 3], 'not classified: cancelled');
    const rows = useStore.getState().predictions;
    expect(rows.map((r) => r.state)).toEqual(['done', 'error', 'error']);
    expect(rows[0]).toMatchObject({ classNames: ['x', 'y'], dataBarCropped: true, error: null });
    expect(rows[1]).toMatchObject({ error: 'damaged TIFF', thumbUrl: 'blob:thumb' });
    expect(rows[2].error).toBe('not classified: cancelled');
  });

  it('adds to a running run, starts a new one after it ended, and clamps the threshold', () => {
    const s = useStore.getState();
    s.predictionsQueued([pending(1, 'a.png')], 0);
    s.predictionsQueued([pending(2, 'b.png')], 1);
    expect(useStore.getState().predictRun).toMatchObject({ total: 2, skipped: 1 });
    s.predictRunChanged({ state: 'done', done: 2 });
    s.predictionsQueued([pending(3, 'c.png')], 0);
    expect(useStore.getState().predictRun).toMatchObject({ state: 'running', total: 1, done: 0, skipped: 0 });
    s.setUncertainBelow(3);
    expect(useStore.getState().uncertainBelow).toBe(1);
    s.clearPredictions();
    expect(useStore.getState().predictions).toEqual([]);
    expect(useStore.getState().predictRun.state).toBe('idle');
  });
});
