// Writes a model bundle: one .zip with model.json, its weight files, bundle.json and MODEL_CARD.md.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { BundleJson } from './format';
import { modelCard } from './modelCard';

export interface BundleParts {
  /** model.json contents; the bundle.json copy is embedded under userDefinedMetadata.bundle */
  modelJson: Record<string, unknown>;
  shards: { path: string; data: Uint8Array }[];
  bundle: BundleJson;
}

export function packBundle(parts: BundleParts): Uint8Array<ArrayBuffer> {
  const modelJson = { ...parts.modelJson, userDefinedMetadata: { ...(parts.modelJson.userDefinedMetadata as object | undefined), bundle: parts.bundle } };
  const files: Zippable = {
    'bundle.json': strToU8(JSON.stringify(parts.bundle, null, 2)),
    'MODEL_CARD.md': strToU8(modelCard(parts.bundle)),
    'model.json': strToU8(JSON.stringify(modelJson)),
  };
  // Float weights barely compress: storing them keeps export and import fast.
  for (const s of parts.shards) files[s.path] = [s.data, { level: 0 }];
  return zipSync(files, { level: 6, mtime: new Date(parts.bundle.createdAt || Date.now()) });
}
