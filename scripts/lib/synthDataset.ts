import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  planSyntheticDataset, renderPlanned, type PlannedImage, type SyntheticDatasetOptions,
} from '../../src/shared/synth/index';
import { encodePng } from './png';

export interface WriteDatasetResult {
  outDir: string;
  items: PlannedImage[];
  bytes: number;
  ms: number;
}

/**
 * Plan, render and write a synthetic SEM dataset as class folders of grayscale PNGs
 * (outDir/<kind>/img_NNNN.png). With manifest: true, also writes outDir/manifest.json with the plan
 * (seeds, data bars, twins) as ground truth for benchmarks; off by default so the folder holds only
 * images, exactly like a user's dataset.
 */
export function writeSyntheticDataset(
  outDir: string,
  opts: SyntheticDatasetOptions & { manifest?: boolean; onProgress?: (done: number, total: number) => void },
): WriteDatasetResult {
  const t0 = performance.now();
  const items = planSyntheticDataset(opts);
  let bytes = 0;
  const made = new Set<string>();
  items.forEach((item, i) => {
    const path = join(outDir, ...item.file.split('/'));
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const png = encodePng(renderPlanned(item, opts.width, opts.height));
    writeFileSync(path, png);
    bytes += png.length;
    opts.onProgress?.(i + 1, items.length);
  });
  if (opts.manifest) {
    mkdirSync(outDir, { recursive: true });
    const { onProgress: _p, manifest: _m, ...planOpts } = opts;
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ options: planOpts, items }, null, 1));
  }
  return { outDir, items, bytes, ms: performance.now() - t0 };
}
