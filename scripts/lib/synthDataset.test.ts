import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePngGray } from './png';
import { writeSyntheticDataset } from './synthDataset';

describe('writeSyntheticDataset', () => {
  it('writes class folders of PNGs and an optional manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      let last = 0;
      const res = writeSyntheticDataset(dir, {
        classes: ['particles', 'tips'], perClass: 3, width: 64, height: 48, seed: 5,
        dataBarRate: 0.5, nearDuplicateRate: 0.34, manifest: true, onProgress: (d) => { last = d; },
      });
      expect(last).toBe(6);
      expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'particles', 'tips']);
      expect(readdirSync(join(dir, 'tips')).sort()).toEqual(['img_0000.png', 'img_0001.png', 'img_0002.png']);
      const img = decodePngGray(readFileSync(join(dir, 'particles', 'img_0001.png')));
      expect([img.width, img.height]).toEqual([64, 48]);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest.items).toEqual(JSON.parse(JSON.stringify(res.items)));
      expect(manifest.options.seed).toBe(5);
      expect(res.items.filter((i) => i.twinOf)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
