// Draws the app icon (the favicon.svg motif: particles on a dark tile) as the PNGs the web app manifest
// lists: public/icons/icon-192.png and icon-512.png. Full-bleed background, so it also works as maskable.
// Run: npx tsx scripts/icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodeRgbPng } from './lib/png';

const BG = [0x1d, 0x2b, 0x3a];
// In the svg's 64-unit space, kept inside the maskable safe zone (centre 80%).
const CIRCLES: { x: number; y: number; r: number; rgb: number[] }[] = [
  { x: 24, y: 25, r: 8, rgb: [0xcf, 0xd8, 0xe3] },
  { x: 40, y: 37, r: 10.5, rgb: [0x8f, 0xa3, 0xb8] },
  { x: 22, y: 43, r: 4.5, rgb: [0xe9, 0xee, 0xf4] },
];

function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const ss = 4; // supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((px + (sx + 0.5) / ss) / size) * 64;
          const y = ((py + (sy + 0.5) / ss) / size) * 64;
          let c = BG;
          for (const k of CIRCLES) if ((x - k.x) ** 2 + (y - k.y) ** 2 <= k.r ** 2) c = k.rgb;
          for (let i = 0; i < 3; i++) acc[i] += c[i];
        }
      }
      for (let i = 0; i < 3; i++) out[(py * size + px) * 3 + i] = Math.round(acc[i] / (ss * ss));
    }
  }
  return out;
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, encodeRgbPng(size, size, draw(size)));
console.log('wrote public/icons/icon-192.png, icon-512.png');
