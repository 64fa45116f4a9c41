// The generated data of `npm run replicate:demo`: a training folder of class folders (with near-duplicate
// re-shots, as real sessions have) and a held-out test folder of new fields plus a few re-shots of training
// frames, the leakage `--test` reports. Written with the generator demo-data uses (synthDataset.ts).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSyntheticDataset, renderPlanned, type SyntheticDatasetOptions } from '../../src/shared/synth/index';
import { encodePng } from './png';
import { writeSyntheticDataset } from './synthDataset';

export const DEMO_TRAIN: SyntheticDatasetOptions = {
  classes: ['particles', 'nanowires', 'porous', 'fibres'], perClass: 16, width: 128, height: 96, seed: 1,
  dataBarRate: 0.3, nearDuplicateRate: 0.25,
};

/** Per class: `fresh` new fields and `copies` re-shots of training frames (stage moved a little, new noise). */
export interface HeldOutPlan {
  fresh: number;
  copies: number;
}

export const DEMO_TEST: HeldOutPlan = { fresh: 6, copies: 2 };

/**
 * Writes the test folder for a training set planned with `train` (dir/<class>/new_NNNN.png and
 * again_NNNN.png); returns how many images it wrote and how many are re-shots of training frames.
 */
export function writeHeldOut(dir: string, train: SyntheticDatasetOptions, plan: HeldOutPlan): { images: number; nearCopies: number } {
  rmSync(dir, { recursive: true, force: true });
  const trained = planSyntheticDataset(train);
  const fresh = planSyntheticDataset({ ...train, perClass: plan.fresh, seed: train.seed + 7919, nearDuplicateRate: 0 });
  let images = 0;
  let nearCopies = 0;
  for (const kind of train.classes) {
    mkdirSync(join(dir, kind), { recursive: true });
    fresh.filter((p) => p.kind === kind).forEach((p, i) => {
      writeFileSync(join(dir, kind, `new_${String(i).padStart(4, '0')}.png`), encodePng(renderPlanned(p, train.width, train.height)));
      images++;
    });
    trained.filter((p) => p.kind === kind && !p.twinOf).slice(0, plan.copies).forEach((p, i) => {
      const shot = { dxFrac: 0.005 * (i % 2 ? 1 : -1), dyFrac: 0.004, noiseSeed: p.seed ^ 0x5eed };
      writeFileSync(join(dir, kind, `again_${String(i).padStart(4, '0')}.png`), encodePng(renderPlanned({ ...p, shot }, train.width, train.height)));
      images++;
      nearCopies++;
    });
  }
  return { images, nearCopies };
}

/** The demo's training folder (dir/data) and test folder (dir/test). */
export function writeDemo(dir: string): { data: string; test: string } {
  const data = join(dir, 'data');
  const test = join(dir, 'test');
  rmSync(data, { recursive: true, force: true });
  const res = writeSyntheticDataset(data, DEMO_TRAIN);
  const t = writeHeldOut(test, DEMO_TRAIN, DEMO_TEST);
  console.log(`generated ${res.items.length} training images (${res.items.filter((p) => p.twinOf).length} re-shots of others) and ${t.images} test images (${t.nearCopies} re-shots of training frames)`);
  return { data, test };
}
