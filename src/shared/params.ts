import { parseBackend } from './backendChoice';
import { parseFaults, TEST_BUILD, type Fault } from './faults';
import type { BackendName, PretrainedMode } from './protocol';

/** The URL query parameters of the acceptance contract (shared/design/CONTRACT.md), parsed once at start-up. */
export interface AppParams {
  backend: BackendName | null;
  /** 'resnet50', 'resnet50-tiny', or a URL of a converted model.json. */
  backbone: string;
  pretrained: PretrainedMode;
  schedule: string | null;
  batch: number | null;
  seed: number | null;
  valid: number | null;
  model: string | null;
  /** Test-only fault injection (`?fault=quota-import@1,...`, see faults.ts; empty outside test builds). */
  faults: Fault[];
}

function int(v: string | null, min: number, max: number): number | null {
  if (v === null || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

export function parseAppParams(search: string, testBuild = TEST_BUILD): AppParams {
  const q = new URLSearchParams(search);
  const valid = q.get('valid');
  const v = valid === null ? NaN : Number(valid);
  return {
    backend: parseBackend(q.get('backend')),
    backbone: q.get('backbone')?.trim() || 'resnet50',
    pretrained: q.get('pretrained') === 'none' ? 'none' : 'auto',
    schedule: q.get('schedule'),
    batch: int(q.get('batch'), 1, 4096),
    seed: int(q.get('seed'), 0, 2 ** 31 - 1),
    valid: Number.isFinite(v) && v >= 0 && v < 1 ? v : null,
    model: q.get('model'),
    faults: parseFaults(q.get('fault'), testBuild),
  };
}
