#!/usr/bin/env node
// npm run gpu:kit: builds .gpu-kit/ (git-ignored), everything the GPU kit needs on a machine with nothing but
// a GPU driver and python3: this Node binary (xz), dawn.node from the `webgpu` package (fetched here with
// `npm pack`, not a dependency of the app), the kit's one bundled script made from the app's worker modules,
// the PyTorch script, the entry script run.sh and Debian's Vulkan loader packages.
// Options: --out DIR (default .gpu-kit), --no-node (skip the Node binary: local runs and tests), --no-debs.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Dawn for Node. 0.6.2 is Dawn of 2026; its dawn.node is N-API, so any Node ≥ 18 loads it. */
export const WEBGPU_PACKAGE = '0.6.2';
const MAX_KIT_BYTES = 60 * 2 ** 20;
// The Vulkan loader and the GL dispatch libraries, as the device README unpacks them (its .gl recipe).
const DEBS = ['libvulkan1', 'libegl1', 'libglvnd0', 'libopengl0', 'libgl1', 'libglx0', 'libgles2'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const here = join(root, 'scripts/gpu-kit');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, '.gpu-kit') },
    'no-node': { type: 'boolean', default: false },
    'no-debs': { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const log = (s) => console.log(`gpu:kit: ${s}`);
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`gpu:kit: the device machine is Linux x86-64; this is ${process.platform}-${process.arch}, whose Node and dawn.node would not run there.`);
  if (!values['no-node']) process.exit(1);
}

/** dawn.node of webgpu@WEBGPU_PACKAGE, cached per user (GPU_KIT_CACHE, else ~/.cache/sem-gpu-kit). */
function fetchDawn() {
  const base = process.env.GPU_KIT_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sem-gpu-kit');
  const cache = join(base, `webgpu-${WEBGPU_PACKAGE}`);
  const dawn = join(cache, 'dawn.node');
  if (existsSync(dawn)) return cache;
  const tmp = mkdtempSync(join(tmpdir(), 'gpu-kit-'));
  try {
    log(`fetching webgpu@${WEBGPU_PACKAGE} (npm pack, ~30 MB)`);
    const r = spawnSync('npm', ['pack', `webgpu@${WEBGPU_PACKAGE}`, '--silent', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) {
      const why = (r.stderr || '').trim() || (r.error ? r.error.message : r.signal ? `killed by ${r.signal} (timed out?)` : `exit ${r.status}`);
      throw new Error(`npm pack webgpu@${WEBGPU_PACKAGE} failed (is the npm registry reachable?): ${why}`);
    }
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', tmp, 'package/dist/linux-x64/dawn.node', 'package/LICENSE.md']);
    mkdirSync(cache, { recursive: true });
    copyFileSync(join(tmp, 'package/LICENSE.md'), join(cache, 'LICENSE.md'));
    copyFileSync(join(tmp, 'package/dist/linux-x64/dawn.node'), dawn);
    return cache;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** This Node, xz-compressed (~24 MB of ~95); kept when the kit already holds the same version. */
function packNode() {
  const target = join(out, 'node.xz');
  const stamp = join(out, 'node.version');
  const id = `${process.version} ${statSync(process.execPath).size}`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === id) return;
  log(`compressing ${process.execPath} (${process.version}) with xz, about a minute`);
  const r = spawnSync('sh', ['-c', `xz -T0 -6 -c "$0" > "$1.tmp" && mv "$1.tmp" "$1"`, process.execPath, target], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('xz failed: install xz-utils (apt-get install xz-utils)');
  writeFileSync(stamp, id);
}

/** Debian's Vulkan loader packages for amd64, as the device README fetches them; skipped where apt-get is missing. */
function fetchDebs() {
  const dir = join(out, 'deb');
  mkdirSync(dir, { recursive: true });
  const have = readdirSync(dir);
  const missing = DEBS.filter((p) => !have.some((f) => f.startsWith(`${p}_`)));
  if (missing.length === 0) return;
  const lists = join(tmpdir(), 'gpu-kit-apt-amd64');
  mkdirSync(join(lists, 'partial'), { recursive: true });
  const o = ['-oAPT::Architecture=amd64', '-oAPT::Architectures=amd64', `-oDir::State::Lists=${lists}`];
  log(`downloading ${missing.join(' ')} (apt-get download)`);
  const u = spawnSync('apt-get', [...o, '-qq', 'update'], { stdio: 'inherit' });
  const d = u.status === 0 ? spawnSync('apt-get', [...o, '-qq', 'download', ...missing], { cwd: dir, stdio: 'inherit' }) : u;
  if (d.status !== 0) {
    log(`WARNING: could not download the Vulkan loader packages (${d.error ? d.error.message : `apt-get exit ${d.status}`}). ` +
      'On the device, bring them as docs/gpu.md says (.gl in carry), or run this on a Debian machine.');
  }
}

async function bundle() {
  // esbuild comes with tsx, a devDependency: `npm ci` installs it
  const esbuild = await import('esbuild').catch(() => {
    throw new Error('esbuild is missing: run npm ci first');
  });
  await esbuild.build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'kit.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ESM builds of tfjs: one copy of tfjs-core for tfjs and the WebGPU backend
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __WEBGPU_PACKAGE__: JSON.stringify(WEBGPU_PACKAGE) },
    // CommonJS parts of the bundle call require(): give the ES module one
    banner: { js: "import { createRequire as __kitRequire } from 'node:module'; const require = __kitRequire(import.meta.url);" },
  });
}

const dawnDir = fetchDawn();
copyFileSync(join(dawnDir, 'dawn.node'), join(out, 'dawn.node'));
copyFileSync(join(dawnDir, 'LICENSE.md'), join(out, 'dawn-node-LICENSE.md'));
await bundle();
copyFileSync(join(here, 'torch_bench.py'), join(out, 'torch_bench.py'));
copyFileSync(join(here, 'run.sh'), join(out, 'run.sh'));
if (!values['no-node']) packNode();
if (!values['no-debs']) fetchDebs();

const files = [];
const walk = (dir) => {
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    if (f.isDirectory()) walk(p);
    else if (f.name !== 'manifest.json') files.push({ path: p.slice(out.length + 1), bytes: statSync(p).size });
  }
};
walk(out);
const total = files.reduce((s, f) => s + f.bytes, 0);
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({
  built: new Date().toISOString(), node: values['no-node'] ? null : process.version, webgpu: WEBGPU_PACKAGE,
  dawnSha256: sha256(join(out, 'dawn.node')), totalBytes: total, files,
}, null, 1)}\n`);
for (const f of files) log(`${f.path.padEnd(28)} ${(f.bytes / 2 ** 20).toFixed(1).padStart(6)} MiB`);
log(`${out}: ${(total / 2 ** 20).toFixed(1)} MiB in all`);
if (total > MAX_KIT_BYTES) {
  console.error(`gpu:kit: the kit is over ${MAX_KIT_BYTES / 2 ** 20} MiB: it would not travel to the device with the working tree.`);
  process.exit(1);
}
