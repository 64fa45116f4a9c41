// One guard for every model the app loads (a `?backbone=` or `?model=` link, a models/ manifest entry, chosen
// files, a bundle .zip): every URL a model file leads to is checked by the same rule, every download stops
// at a byte cap while it streams, and every layer graph is checked (no dangling reference, no cycle, bounded
// nesting and layer count) before TensorFlow.js sees it, because tfjs-layers retries unresolved layers
// forever and the worker hangs. Pure: fetch's Response is a web standard that Node has too.

/** Why a URL the model leads to is refused, or null. */
export type UrlRule = { ok: true; url: URL } | { ok: false; reason: string };

export const LOADER_LIMITS = {
  /** nested models (a classifier nests its head; Keras applications nest nothing deeper than 2-3) */
  nesting: 8,
  /** layers over all nested models (ResNet152 has ~520; EfficientNetB7 ~810) */
  layers: 5000,
  /** model.json, bundle.json, models/manifest.json */
  jsonBytes: 32 * 1024 * 1024,
};

/** The URL without user:password (never shown in a message: a shared link may carry them). */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    if (!u.username && !u.password) return u.href;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//');
  }
}

/**
 * A file a model names (a weight shard, bundle.json) resolved against the model's URL. Allowed: the app's own
 * origin, or the origin of the https model URL the user gave; nothing else (no plain http, no third host
 * that a hostile model.json points at, no data:, blob: or file:).
 */
export function derivedUrl(path: string, modelUrl: string, appBase: string): UrlRule {
  let url: URL;
  try {
    url = new URL(path, modelUrl);
  } catch {
    return { ok: false, reason: `model.json names the file "${path.slice(0, 60)}", which is not a valid URL.` };
  }
  const app = new URL(appBase).origin;
  const model = new URL(modelUrl);
  const allowed = url.origin === app || (model.protocol === 'https:' && url.origin === model.origin);
  if (!allowed || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return {
      ok: false,
      reason: `model.json names the file ${redactUrl(url)}, on another site than the model itself (${redactUrl(model.origin)}): refused. ` +
        'A model\'s weight files must sit next to its model.json.',
    };
  }
  if (url.username || url.password) return { ok: false, reason: `model.json names the file ${redactUrl(url)} with a user name or password: refused.` };
  return { ok: true, url };
}

/**
 * Why a response is refused for where its redirects led, or null. fetch follows redirects; a model file must
 * end on the origin it was asked of (a link on the app's own site, or the https host the user named, must not
 * forward the download to a third one). The service worker's connect-src stops the hop itself in the browser.
 */
export function redirectProblem(requested: string, res: Pick<Response, 'url'>): string | null {
  if (!res.url) return null; // a response not from the network (tests, caches) has no final URL
  let asked: URL;
  let final: URL;
  try {
    asked = new URL(requested);
    final = new URL(res.url);
  } catch {
    return null;
  }
  if (final.origin === asked.origin) return null;
  return `${redactUrl(asked)} redirects to another site (${final.origin}): refused. A model's files must be served from the site its link names.`;
}

export class DownloadTooLarge extends Error {
  override name = 'DownloadTooLarge';
}

/**
 * Reads a response body, stopping as soon as it passes `limit` bytes (the declared Content-Length is checked
 * first, and never trusted alone: a server may send more than it declares, or none).
 */
export async function readCapped(res: Response, limit: number, label: string, progress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 0)} MB`;
  if (declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadTooLarge(`${label} is ${mb(declared)}, over the ${mb(limit)} it may be.`);
  }
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.byteLength > limit) throw new DownloadTooLarge(`${label} is larger than the ${mb(limit)} it may be.`);
    return all;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    got += value.byteLength;
    if (got > limit) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadTooLarge(`${label} is larger than the ${mb(limit)} it may be.`);
    }
    chunks.push(value);
    progress?.(got, Number.isFinite(declared) ? declared : 0);
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MODEL_CLASSES = new Set(['Model', 'Functional', 'Sequential']);

/** One layer as the graph check needs it (Keras 2 / tfjs spelling: `[[name, node, tensor, kwargs], …]` per node). */
export interface GraphLayer {
  name: string;
  class_name: string;
  inbound_nodes: unknown[];
}

/**
 * The reason a functional model's layers cannot be built, or null: every input refers to an existing node
 * of an existing layer, every non-input layer has an input, and a topological sort reaches every layer (no
 * cycle).
 */
export function layerGraphProblem(layers: readonly GraphLayer[]): string | null {
  const byName = new Map<string, GraphLayer>();
  for (const l of layers) {
    if (byName.has(l.name)) return `two layers are named "${l.name}"`;
    byName.set(l.name, l);
  }
  const waiting = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const l of layers) {
    let inputs = 0;
    if (!Array.isArray(l.inbound_nodes)) return `layer "${l.name}" has a malformed input list`;
    for (const node of l.inbound_nodes) {
      if (!Array.isArray(node)) return `layer "${l.name}" has a malformed input list`;
      for (const t of node) {
        const target = Array.isArray(t) && typeof t[0] === 'string' ? byName.get(t[0]) : undefined;
        const ok = target !== undefined && Number.isInteger(t[1]) && Number.isInteger(t[2]) && t[1] >= 0 && t[2] >= 0 &&
          t[1] < Math.max(1, Array.isArray(target.inbound_nodes) ? target.inbound_nodes.length : 0);
        if (!ok) return `layer "${l.name}" refers to an input ${JSON.stringify(t)?.slice(0, 60)} that model.json does not define`;
        inputs++;
        const list = users.get(target.name);
        if (list) list.push(l.name);
        else users.set(target.name, [l.name]);
      }
    }
    if (inputs === 0 && l.class_name !== 'InputLayer') return `layer "${l.name}" has no input`;
    waiting.set(l.name, inputs);
  }
  const ready = layers.filter((l) => waiting.get(l.name) === 0).map((l) => l.name);
  let built = 0;
  while (ready.length > 0) {
    const name = ready.pop()!;
    built++;
    for (const u of users.get(name) ?? []) {
      const left = waiting.get(u)! - 1;
      waiting.set(u, left);
      if (left === 0) ready.push(u);
    }
  }
  return built === layers.length ? null : 'the layers feed into each other in a cycle';
}

function layerOf(raw: unknown): GraphLayer | null {
  if (!isObj(raw)) return null;
  const name = typeof raw.name === 'string' ? raw.name : isObj(raw.config) && typeof raw.config.name === 'string' ? raw.config.name : null;
  if (name === null || typeof raw.class_name !== 'string') return null;
  return { name, class_name: raw.class_name, inbound_nodes: Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes : [] };
}

function refsExist(refs: unknown, names: Set<string>): boolean {
  return Array.isArray(refs) && refs.length > 0 && refs.every((r) => Array.isArray(r) && typeof r[0] === 'string' && names.has(r[0]));
}

/**
 * Checks a whole layers-model topology (with or without `model_config`), nested models included: the graph
 * of each functional model, its input and output layers, the nesting depth and the total layer count.
 * Returns the reason it would not build (or would hang the builder), or null.
 */
export function topologyProblem(modelTopology: unknown, limits = LOADER_LIMITS): string | null {
  if (!isObj(modelTopology)) return 'model.json has no modelTopology';
  const root = isObj(modelTopology.model_config) ? modelTopology.model_config : modelTopology;
  let layerCount = 0;
  const stack: { model: Obj; depth: number }[] = [{ model: root, depth: 1 }];
  while (stack.length > 0) {
    const { model, depth } = stack.pop()!;
    if (depth > limits.nesting) return `models are nested more than ${limits.nesting} deep`;
    const cls = model.class_name;
    if (typeof cls !== 'string' || !MODEL_CLASSES.has(cls)) return `the topology describes a "${String(cls)}", not a Keras model`;
    const config = model.config;
    const rawLayers = isObj(config) ? config.layers : Array.isArray(config) ? config : null;
    if (!Array.isArray(rawLayers)) return `model "${String(model.name ?? '')}" has no layer list`;
    layerCount += rawLayers.length;
    if (layerCount > limits.layers) return `the network has more than ${limits.layers} layers`;
    const layers: GraphLayer[] = [];
    for (const raw of rawLayers) {
      const l = layerOf(raw);
      if (!l) return 'a layer has no name or class';
      layers.push(l);
      if (MODEL_CLASSES.has(l.class_name)) stack.push({ model: raw as Obj, depth: depth + 1 });
    }
    if (cls === 'Sequential') continue;
    const problem = layerGraphProblem(layers);
    if (problem) return problem;
    const names = new Set(layers.map((l) => l.name));
    const c = config as Obj;
    if (!refsExist(c.input_layers, names)) return `model "${String(c.name ?? '')}" names an input layer it does not define`;
    if (!refsExist(c.output_layers, names)) return `model "${String(c.name ?? '')}" names an output layer it does not define`;
  }
  return null;
}
