import { describe, expect, it } from 'vitest';
import { trainedOrigin } from '../modelOrigin';
import { RECIPE_DEFAULTS } from '../train/recipe';
import { modelCard } from './modelCard';
import { bundleMetricsOf, bundleTrainingOf, flatRecipe } from './training';
import type { BundleJson } from './format';

const epoch = (i: number, size: number, validLoss: number, validAccuracy: number) => ({
  epoch: i, phase: i === 0 ? 'frozen' : 'unfrozen', size, trainLoss: 0.5, validLoss, validAccuracy,
});

function origin(o: { stopped: boolean; keptEpoch: number; mode?: 'full' | 'fast' }) {
  return trainedOrigin({
    runId: 'run-x', recipe: { ...RECIPE_DEFAULTS, schedule: '64x?,128x?,224x?', epochs: null, freezeEpochs: 1, mode: o.mode ?? 'full', views: 4 },
    plan: { trainImages: 30, validImages: 6, perEpoch: [{ size: 64 }, { size: 64 }, { size: 128 }] },
    epochs: [epoch(0, 64, 0.7, 0.6), epoch(1, 64, 0.5, 0.7), epoch(2, 128, 0.6, 0.9)], keptEpoch: o.keptEpoch, stopped: o.stopped,
    normalization: 'caffe', inputSize: 64, dataBarCrop: true,
  });
}

function card(o: ReturnType<typeof origin>): string {
  const b: BundleJson = {
    format: 'sem-classifier-bundle', formatVersion: 1, name: 'm', createdAt: '2025-01-01', appVersion: '1', classNames: ['a', 'b'], modelFile: 'model.json',
    backbone: { name: 'resnet50-tiny', pretrained: false, weightsNote: '', params: 1 },
    preprocessing: { inputSize: 64, normalization: 'caffe', resize: 'center-square-bilinear', dataBarCrop: true },
    training: bundleTrainingOf(o), metrics: bundleMetricsOf(o),
  };
  return modelCard(b);
}

describe("bundle.json's training from the model origin", () => {
  it('writes the schedule and epochs the run resolved, and the augmentation that was on', () => {
    const full = flatRecipe(origin({ stopped: false, keptEpoch: 2 }));
    expect(full).toMatchObject({ schedule: '64x2,128x1', epochs: 2, freezeEpochs: 1, mode: 'full' });
    expect(full.views).toBeUndefined();
    expect(typeof full.augment).toBe('string');
    expect(Object.values(full)).not.toContain(null);
    // fast mode: fit_one_cycle over every epoch; freeze_epochs does not apply
    const fast = flatRecipe(origin({ stopped: false, keptEpoch: 2, mode: 'fast' }));
    expect(fast).toMatchObject({ epochs: 3, views: 4, mode: 'fast' });
    expect(fast.freezeEpochs).toBeUndefined();
  });

  it("carries the run, the kept epoch and its metrics (a completed run: the last; stopped: the lowest valid_loss)", () => {
    const done = origin({ stopped: false, keptEpoch: 2 });
    expect(bundleTrainingOf(done)).toMatchObject({ runId: 'run-x', keptEpoch: 2, stopped: false, plannedEpochs: 3, sizesRun: [{ size: 64, epochs: 2 }, { size: 128, epochs: 1 }] });
    expect(bundleMetricsOf(done)).toEqual({ validAccuracy: 0.9 });
    const stopped = origin({ stopped: true, keptEpoch: 1 });
    expect(bundleMetricsOf(stopped, [])).toEqual({ validAccuracy: 0.7 });
  });

  it('the model card names the kept epoch from 1, why it was kept, and the sizes and epochs run', () => {
    const done = card(origin({ stopped: false, keptEpoch: 2 }));
    expect(done).toContain('- Ran 3 epochs: 2 at 64 px, 1 at 128 px\n');
    expect(done).toContain('- Weights kept from epoch 3 (the run completed: its last epoch, as fastai keeps)');
    expect(done).not.toContain('Last epoch (');
    expect(done).toMatch(/Recipe: schedule 64x2,128x1, .*epochs 2, freezeEpochs 1/);
    expect(done).not.toMatch(/null|x\?/);
    const stopped = card(origin({ stopped: true, keptEpoch: 1 }));
    expect(stopped).toContain('(stopped early)');
    expect(stopped).toContain('- Weights kept from epoch 2 (stopped early: the lowest valid_loss): train loss 0.5000, validation loss 0.5000, accuracy 70.0%');
    expect(stopped).toContain('- Last epoch (3): validation loss 0.6000, accuracy 90.0%');
    expect(stopped).toContain('- Accuracy: 70.0%');
  });
});
