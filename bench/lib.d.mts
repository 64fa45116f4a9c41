// Types for bench/lib.mjs, so TypeScript scripts (scripts/replicate.ts) can use the same plumbing.
import type { Browser } from '@playwright/test';

export function build(): void;
export function serve(port: number, extra?: string[]): Promise<{ url: string; close: () => void }>;
export function launch(opts?: { gpu?: boolean }): Promise<Browser>;
export function machine(): { name: string; cpu: string; cores: number; memoryGiB: number };
export function median(xs: number[]): number;
