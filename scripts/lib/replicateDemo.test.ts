import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countGroups, hashedItem, nearCopies } from '../../src/shared/dataset/independence';
import { phashShifts, phashToHex } from '../../src/shared/dataset/phash';
import { planSyntheticDataset, renderPlanned } from '../../src/shared/synth/index';
import { writeHeldOut } from './replicateDemo';

const dir = mkdtempSync(join(tmpdir(), 'heldout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = { classes: ['porous', 'fibres'] as const, perClass: 8, width: 128, height: 96, seed: 4, nearDuplicateRate: 0.25 };
const hashOf = (img: ReturnType<typeof renderPlanned>) => {
  const s = phashShifts(img);
  return hashedItem({ phash: phashToHex(s[4]), shifts: s.map(phashToHex) });
};

describe('writeHeldOut', () => {
  it('writes new fields and re-shots of training frames, and the re-shots are near-copies by the app\'s test', () => {
    const opts = { ...train, classes: [...train.classes] };
    const r = writeHeldOut(dir, opts, { fresh: 3, copies: 2 });
    expect(r).toEqual({ images: 10, nearCopies: 4 });
    expect(readdirSync(join(dir, 'porous')).sort()).toEqual(['again_0000.png', 'again_0001.png', 'new_0000.png', 'new_0001.png', 'new_0002.png']);
    // The same images in memory: the training plan's hashes against the test images'.
    const trained = planSyntheticDataset(opts);
    expect(countGroups(trained.map((p) => hashOf(renderPlanned(p, 128, 96))))).toBe(trained.filter((p) => !p.twinOf).length);
    const originals = trained.filter((p) => !p.twinOf);
    const again = opts.classes.flatMap((k) => originals.filter((p) => p.kind === k).slice(0, 2))
      .map((p, i) => hashOf(renderPlanned({ ...p, shot: { dxFrac: 0.005 * (i % 2 ? 1 : -1), dyFrac: 0.004, noiseSeed: p.seed ^ 0x5eed } }, 128, 96)));
    const fresh = planSyntheticDataset({ ...opts, perClass: 3, seed: opts.seed + 7919, nearDuplicateRate: 0 }).map((p) => hashOf(renderPlanned(p, 128, 96)));
    const refs = trained.map((p) => hashOf(renderPlanned(p, 128, 96)));
    expect(nearCopies(refs, [...again, ...fresh])).toEqual([...again.map(() => true), ...fresh.map(() => false)]);
  });
});
