import { describe, expect, it } from 'vitest';
import type { TrainEpoch, TrainPlanInfo, TrainProgress } from '../../../shared/protocol';
import { silentPhase, STARTING, steadyEta } from './trainPhase';

const plan = (mode: 'full' | 'fast'): TrainPlanInfo => ({
  classNames: ['a', 'b'], trainImages: 24, validImages: 6, stepsPerEpoch: 3, stages: [], warnings: [], mode,
  perEpoch: [{ epoch: 0, phase: 'frozen', size: 32, stage: 0 }, { epoch: 1, phase: 'unfrozen', size: 32, stage: 0 }] as unknown as TrainPlanInfo['perEpoch'],
});
const progress = (epoch: number, batch: number, phase: string) => ({ epoch, batch, phase }) as unknown as TrainProgress;
const ended = (epoch: number) => ({ epoch }) as unknown as TrainEpoch;

describe('silentPhase', () => {
  it('before the first batch of a full run: the compile; fast mode has its feature progress instead', () => {
    expect(silentPhase(plan('full'), null, [], 'running')).toBe(STARTING);
    expect(silentPhase(plan('fast'), null, [], 'running')).toBeNull();
    expect(silentPhase(plan('full'), null, [], 'paused')).toBeNull();
  });
  it('says nothing while batches run', () => {
    expect(silentPhase(plan('full'), progress(0, 1, 'frozen'), [], 'running')).toBeNull();
  });
  it('names validation and checkpoint after a frozen epoch, PreciseBN first after an unfrozen one', () => {
    expect(silentPhase(plan('full'), progress(0, 2, 'frozen'), [], 'running')).toBe('Epoch 1: training batches done; now validation (6 images), then checkpoint…');
    expect(silentPhase(plan('full'), progress(1, 2, 'unfrozen'), [ended(0)], 'running')).toMatch(/^Epoch 2: .*PreciseBN.*then validation.*then checkpoint/);
  });
  it('fast mode validates only, and has no checkpoint', () => {
    expect(silentPhase(plan('fast'), progress(0, 2, 'frozen'), [], 'running')).toBe('Epoch 1: training batches done; now validation (6 images)…');
    expect(silentPhase(plan('fast'), progress(0, 2, 'frozen'), [ended(0)], 'running')).toBeNull();
  });
  it('between epochs: the checkpoint; after the last: keeping the best weights', () => {
    expect(silentPhase(plan('full'), progress(0, 2, 'frozen'), [ended(0)], 'running')).toMatch(/^Epoch 1 of 2 done: saving its checkpoint/);
    expect(silentPhase(plan('full'), progress(1, 2, 'unfrozen'), [ended(0), ended(1)], 'running')).toMatch(/^Last epoch done/);
    expect(silentPhase(plan('full'), progress(1, 2, 'unfrozen'), [ended(0), ended(1)], 'done')).toBeNull();
  });
});

describe('steadyEta', () => {
  it('follows the estimate down at once', () => {
    const a = steadyEta(null, 100, 0)!;
    expect(steadyEta(a, 80, 1000)!.seconds).toBe(80);
  });
  it('climbs by a fifth of the gap over what the last value predicts', () => {
    const a = steadyEta(null, 100, 0)!;
    // 10 s later 90 s were expected; the worker now says 140: shown 90 + 50/5.
    expect(steadyEta(a, 140, 10_000)!.seconds).toBeCloseTo(100);
  });
  it('without a new estimate counts down, never below zero', () => {
    const a = steadyEta(null, 5, 0)!;
    expect(steadyEta(a, null, 3000)!.seconds).toBe(2);
    expect(steadyEta(a, null, 9000)!.seconds).toBe(0);
    expect(steadyEta(null, null, 0)).toBeNull();
  });
});
