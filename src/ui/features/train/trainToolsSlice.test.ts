import { beforeEach, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/train/trainMode';
import { resetStore, useStore } from '../../store';

const probe: ProbeResult = { backend: 'wasm', trainBackend: 'webgl', trainMeasured: false, timings: [{ size: 32, forwardMs: 1, trainMs: 100 }] };

beforeEach(() => resetStore());

describe('trainToolsSlice', () => {
  it('keeps only the probe answer for the latest key', () => {
    const s = useStore.getState();
    s.probeStarted('a');
    s.probeStarted('b');
    s.probeFinished('a', probe);
    expect(useStore.getState()).toMatchObject({ probeState: 'running', probe: null });
    s.probeFinished('b', probe);
    expect(useStore.getState()).toMatchObject({ probeState: 'done', probe });
    s.probeStarted('c');
    s.probeFailed('c', 'no model');
    expect(useStore.getState()).toMatchObject({ probeState: 'error', probeError: 'no model', probe: null });
  });

  it('grows the lr_find curve, replaces it with the final one, and keeps the partial curve on cancel', () => {
    const s = useStore.getState();
    s.lrFindStarted();
    s.lrFindStepped({ lr: 1e-7, loss: 1 });
    s.lrFindStepped({ lr: 2e-7, loss: 0.9 });
    expect(useStore.getState().lrPoints).toHaveLength(2);
    s.lrFindFinished([1e-7, 2e-7, 4e-7], [1, 0.9, 0.8], { lr: 2e-7, index: 1 }, false);
    expect(useStore.getState()).toMatchObject({ lrState: 'done', lrSuggestion: { lr: 2e-7 } });
    expect(useStore.getState().lrPoints).toEqual([{ lr: 1e-7, loss: 1 }, { lr: 2e-7, loss: 0.9 }, { lr: 4e-7, loss: 0.8 }]);
    s.lrFindStarted();
    expect(useStore.getState()).toMatchObject({ lrState: 'running', lrPoints: [], lrSuggestion: null });
    s.lrFindStepped({ lr: 1e-7, loss: 1 });
    s.lrFindFailed('Aborted', true);
    expect(useStore.getState()).toMatchObject({ lrState: 'cancelled', lrError: null, lrPoints: [{ lr: 1e-7, loss: 1 }] });
  });
});
