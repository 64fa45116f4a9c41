import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types
import { swiftShader } from './local.mjs';
import { checkKitResult, type KitResult } from './schema';

// The kit's bundled script, built as `npm run gpu:kit` builds it (without the Node binary), run on
// SwiftShader's Vulkan with the tiny ResNet at 32 px: the same code path the lent GPU runs.
const sw = swiftShader() as { reason?: string; env?: Record<string, string> };
const out = mkdtempSync(join(tmpdir(), 'gpu-kit-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function build(): string | null {
  const b = spawnSync(process.execPath, ['scripts/gpu-kit/build.mjs', '--out', out, '--no-node', '--no-debs'], { encoding: 'utf8', timeout: 300_000 });
  return b.status === 0 ? null : `the kit did not build: ${(b.stderr || b.stdout).trim().split('\n').slice(-2).join(' ')}`;
}

describe('GPU kit on SwiftShader Vulkan', () => {
  it.skipIf(sw.reason)(`measures resnet50-tiny at 32 px and writes the schema${sw.reason ? ` (skipped: ${sw.reason})` : ''}`, (ctx) => {
    const failed = build();
    // Without the npm registry the kit cannot fetch dawn.node: reported as a skip, never as a pass.
    if (failed && /npm pack/.test(failed)) ctx.skip(failed);
    expect(failed).toBeNull();
    const json = join(out, 'r.json');
    const r = spawnSync(process.execPath, [join(out, 'kit.mjs'), '--variant', 'resnet50-tiny', '--sizes', '32', '--batches', '2',
      '--phases', 'full', '--steps', '1', '--no-profile', '--no-experiments', '--out', json], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...sw.env } });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8')) as KitResult;
    expect(checkKitResult(result)).toEqual([]);
    expect(result.adapter.software).toBe(true);
    // one config (a first step compiles every shader: ~10 s each on SwiftShader), the train step of fine_tune
    expect(result.measures.map((m) => [m.size, m.batch, m.phase])).toEqual([[32, 2, 'full']]);
    const [m] = result.measures;
    expect(m.error).toBeUndefined();
    expect(m.gpuErrors).toEqual([]);
    expect(m.imagesPerSecond).toBeGreaterThan(0);
    expect(m.firstStepMs).toBeGreaterThanOrEqual(m.medianMs!);
    // during a step Dawn holds activations and gradients on top of what stays between steps (weights, AdamW)
    expect(m.memory!.tfjsInUseBytes).toBeGreaterThan(0);
    expect(m.memory!.dawnPeakBytes).toBeGreaterThan(m.memory!.tfjsInUseBytes);
    // no frozen or forward phase measured: the default fine_tune cannot be costed, and the estimate says why
    expect(result.nffa[0]).toMatchObject({ batch: 2, seconds: null });
    expect(result.nffa[0].note).toMatch(/frozen/);
    // PyTorch ran (a machine with torch and CUDA) or said why not
    expect(result.torch.results.length > 0 || typeof result.torch.skipped === 'string').toBe(true);
    expect(r.stdout).toMatch(/\| 32 +\| 2 +\| full +\|/);
  }, 600_000);
});
