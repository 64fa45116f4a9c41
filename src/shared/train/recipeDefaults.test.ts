import { describe, expect, it } from 'vitest';
import { RECIPE_DEFAULTS } from './recipe';
import { changedFields, effectiveRecipe, type DefaultedField } from './recipeDefaults';
import { SCRATCH } from './scratch';

const wasm = { backend: 'wasm' as const, software: false };
const none = new Set<DefaultedField>();

describe('effectiveRecipe', () => {
  it('over pretrained weights keeps fine_tune defaults, in fast mode without a GPU', () => {
    const r = effectiveRecipe(RECIPE_DEFAULTS, none, { backend: wasm, pretrained: true });
    expect(r).toEqual({ ...RECIPE_DEFAULTS, mode: 'fast', scratch: false });
  });
  it('from random weights: full mode, no frozen epochs, the from-scratch schedule, bs and lr', () => {
    const r = effectiveRecipe(RECIPE_DEFAULTS, none, { backend: wasm, pretrained: false });
    expect(r).toMatchObject({ mode: 'full', freezeEpochs: 0, schedule: SCRATCH.schedule, batchSize: SCRATCH.batchSize, baseLr: SCRATCH.baseLr, scratch: true });
  });
  it("keeps what the user or the link chose", () => {
    const form = { ...RECIPE_DEFAULTS, schedule: '32x1', batchSize: 4, baseLr: 1e-4, mode: 'fast' as const, freezeEpochs: 2 };
    const all = new Set<DefaultedField>(['schedule', 'batchSize', 'baseLr', 'mode', 'freezeEpochs']);
    expect(effectiveRecipe(form, all, { backend: wasm, pretrained: false })).toEqual({ ...form, scratch: true });
    // only the schedule chosen: the rest still follows the weights
    const r = effectiveRecipe(form, new Set<DefaultedField>(['schedule']), { backend: wasm, pretrained: false });
    expect(r).toMatchObject({ schedule: '32x1', batchSize: SCRATCH.batchSize, baseLr: SCRATCH.baseLr, mode: 'full', freezeEpochs: 0 });
  });
});

describe('changedFields', () => {
  it('names the defaulted fields an edit changed', () => {
    const shown = effectiveRecipe(RECIPE_DEFAULTS, none, { backend: wasm, pretrained: false });
    expect(changedFields(shown, { ...shown, baseLr: 1e-3, seed: 7 })).toEqual(['baseLr']);
    expect(changedFields(shown, { ...shown })).toEqual([]);
    expect(changedFields(shown, { ...shown, mode: 'fast', schedule: '64x1' })).toEqual(['mode', 'schedule']);
  });
});
