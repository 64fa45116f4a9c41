// The PyTorch ceiling: torch_bench.py beside the kit, run with python3 on the same GPU in the same call.
// Missing python3, torch or CUDA is a reason printed in the report, never a failure.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Phase, TorchPart } from './schema';

export interface TorchOptions {
  script: string;
  python: string;
  variant: string;
  sizes: number[];
  batches: number[];
  phases: Phase[];
  steps: number;
  classes: number;
  budgetSeconds: number;
}

export function runTorch(o: TorchOptions): TorchPart {
  if (!existsSync(o.script)) return { skipped: `${o.script} not found`, results: [] };
  const out = join(tmpdir(), `gpu-kit-torch-${process.pid}.json`);
  const args = [o.script, '--variant', o.variant, '--sizes', o.sizes.join(','), '--batches', o.batches.join(','),
    '--phases', o.phases.join(','), '--steps', String(o.steps), '--classes', String(o.classes),
    '--budget-s', String(o.budgetSeconds), '--out', out];
  const r = spawnSync(o.python, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: (o.budgetSeconds + 120) * 1000, env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  if (r.error) return { skipped: `${o.python} did not start (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, results: [] };
  if (!existsSync(out)) return { skipped: `torch_bench.py exited with ${r.status ?? r.signal} and wrote nothing`, results: [] };
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as TorchPart;
  } finally {
    rmSync(out, { force: true });
  }
}
