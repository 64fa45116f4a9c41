#!/usr/bin/env node
// npm run gpu:local [-- kit options]: runs the GPU kit here on SwiftShader's Vulkan (Chromium ships the
// driver and a loader in /usr/lib/chromium), through the same run.sh the device runs. Builds the kit first
// when it is missing. Defaults for a CPU: resnet50-tiny, 32 and 64 px, batch 4, 2 timed steps;
// options given here override them (e.g. -- --variant resnet50 --sizes 64 --batches 2).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kit = join(root, '.gpu-kit');

/** Where SwiftShader's Vulkan ICD and a Vulkan loader are, or why they are not usable. */
export function swiftShader() {
  const dir = process.env.SWIFTSHADER_DIR ?? '/usr/lib/chromium';
  const icd = join(dir, 'vk_swiftshader_icd.json');
  if (!existsSync(icd) || !existsSync(join(dir, 'libvk_swiftshader.so'))) {
    return { reason: `no SwiftShader Vulkan driver in ${dir} (Debian: apt-get install chromium, or set SWIFTSHADER_DIR)` };
  }
  const systemLoader = spawnSync('sh', ['-c', 'ldconfig -p | grep -q "libvulkan\\.so\\.1"']).status === 0;
  if (!systemLoader && !existsSync(join(dir, 'libvulkan.so.1'))) return { reason: `no libvulkan.so.1 (neither installed nor in ${dir})` };
  const ld = [dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { env: { VK_ICD_FILENAMES: icd, VK_DRIVER_FILES: icd, LD_LIBRARY_PATH: ld, GPU_KIT_NO_LOADER: '1' } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sw = swiftShader();
  if (sw.reason) {
    console.error(`gpu:local: ${sw.reason}`);
    process.exit(1);
  }
  if (!existsSync(join(kit, 'kit.mjs')) || !existsSync(join(kit, 'dawn.node'))) {
    console.log('gpu:local: no kit yet, building it (npm run gpu:kit)');
    const b = spawnSync(process.execPath, [join(root, 'scripts/gpu-kit/build.mjs')], { stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  const defaults = ['--variant', 'resnet50-tiny', '--sizes', '32,64', '--batches', '4', '--steps', '2', '--budget-s', '200',
    '--experiment', 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=64', '--out', join(kit, 'local-results.json')];
  // this machine's Node when the kit was built without one (--no-node)
  const node = existsSync(join(kit, 'node.xz')) ? {} : { GPU_KIT_NODE: process.execPath };
  const r = spawnSync('sh', [join(kit, 'run.sh'), ...defaults, ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, ...sw.env, ...node },
  });
  process.exit(r.status ?? 1);
}
