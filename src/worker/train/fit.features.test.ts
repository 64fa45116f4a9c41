import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainControl } from '../../shared/train/control';
import type { BatchEvent } from '../../shared/train/events';
import type { FineTunePhase } from '../../shared/train/fineTune';
import { ONE_CYCLE_DEFAULTS } from '../../shared/train/oneCycle';
import { buildClassifier, type Classifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { captureState, restoreState, type TrainState } from './checkpoint';
import { featureSources } from './fastData';
import type { FeatureCache } from './featureCache';
import { fit, type FeatureFitOptions, type FitPosition } from './fit';
import { headGroup, layerGroups } from './layerGroups';
import { AdamW } from './optimizer';

// Fast mode through the one fit loop: cached pooled features as the data source, the head alone trains.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const build = (): Classifier => buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 16 });

/** Two noisy clusters of pooled vectors, `views` per image. */
function cache(c: Classifier, n: number, views: number, seed: number): FeatureCache {
  const dim = 2 * (c.backbone.outputs[0].shape[3] ?? 0);
  let s = seed;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32) - 0.5;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
  const data = new Float32Array(n * views * dim);
  for (let i = 0; i < n; i++) {
    for (let v = 0; v < views; v++) for (let j = 0; j < dim; j++) data[(i * views + v) * dim + j] = (labels[i] ? 1 : -1) * (j % 4 === 0 ? 0.6 : 0) + rand();
  }
  return { dim, views, labels, data };
}

const PHASE: FineTunePhase = {
  name: 'frozen', frozen: true, epochs: 3, maxLr: 1e-2, lrMult: 10, spread: 'flat',
  pctStart: ONE_CYCLE_DEFAULTS.pctStart, div: ONE_CYCLE_DEFAULTS.div, divFinal: ONE_CYCLE_DEFAULTS.divFinal,
};

describe('fit on cached features (fast mode)', () => {
  it('trains only the head, feeds [batch, dim] features, and resumes from a head-only checkpoint exactly', { timeout: 120_000 }, async () => {
    const probe = build();
    const train = cache(probe, 24, 2, 1);
    const valid = { ...cache(probe, 8, 1, 2) };
    probe.model.dispose();
    const sources = featureSources({ train, valid }, { classes: 2, seed: 5, batchSize: 8 });
    expect(sources.stepsPerEpoch).toBe(6);
    async function run(extra: (c: Classifier, o: AdamW) => Partial<FeatureFitOptions> = () => ({}), state?: TrainState) {
      const c = build();
      const groups = [headGroup(layerGroups(c))];
      const optimizer = new AdamW(groups);
      if (state) await restoreState(c, optimizer, state, 'head');
      const body = c.backbone.getWeights()[0].dataSync().slice();
      const events: BatchEvent[] = [];
      const result = await fit({
        inputs: 'features', featureSize: 48, classifier: c, optimizer, groups, preprocessing: 'tf', plan: [PHASE], seed: 3,
        labelSmoothing: 0.1, ...sources, onBatch: (e) => events.push(e), ...extra(c, optimizer),
      });
      expect(Array.from(c.backbone.getWeights()[0].dataSync())).toEqual(Array.from(body));
      return { c, optimizer, events, result };
    }
    const a = await run();
    expect(a.result.epochs).toHaveLength(3);
    expect(a.events).toHaveLength(18);
    expect(a.events.every((e) => e.inputShape.join('x') === `8x${train.dim}` && e.imageSize === 48 && e.lrs.length === 1)).toBe(true);
    expect(a.result.epochs[2].validAccuracy).toBe(1);
    expect(a.result.epochs[2].validLoss!).toBeLessThan(a.result.epochs[0].validLoss!);

    let saved: { state: TrainState; next: FitPosition } | null = null;
    const control = new TrainControl();
    const first = await run((c, o) => ({
      control,
      afterEpoch: async (e, next) => {
        if (e.epoch !== 0) return;
        saved = { state: await captureState(c, o, 'head'), next };
        control.stop();
      },
    }));
    expect(first.result.stopped).toBe(true);
    // head-only: no backbone weight in the checkpoint
    expect(saved!.state.weights.specs.every((s) => s.name.startsWith('head_'))).toBe(true);
    const resumed = await run(() => ({ start: saved!.next }), saved!.state);
    expect(resumed.events.map((e) => e.loss)).toEqual(a.events.slice(6).map((e) => e.loss));
    expect(resumed.result.epochs.map((e) => [e.trainLoss, e.validLoss, e.validAccuracy]))
      .toEqual(a.result.epochs.slice(1).map((e) => [e.trainLoss, e.validLoss, e.validAccuracy]));
    for (const r of [a, first, resumed]) {
      r.optimizer.dispose();
      r.c.model.dispose();
    }
  });
});

