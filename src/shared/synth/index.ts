/** Procedural synthetic SEM images: pure TypeScript, runs in workers and in Node. */
export { SEM_KINDS, isSemKind } from './types';
export type { DataBarSpec, GrayImage, SemImageOptions, SemKind, ShotSpec } from './types';
export { generateSemImage, MAX_SHIFT_FRAC } from './classes';
export { dataBarRect, dataBarLevels, dataBarLayout, dataBarScale, dataBarValues, drawDataBar, vendorBarSpec, DEFAULT_BAR_FRAC, VENDOR_LAYOUTS } from './dataBar';
export type { VendorLayout } from './dataBar';
export { planSyntheticDataset, renderPlanned } from './dataset';
export type { PlannedImage, SyntheticDatasetOptions } from './dataset';
export { Rng, hashInts } from './rng';
export { basicStats, downscale, meanAbsDiff } from './stats';
