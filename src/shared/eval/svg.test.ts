import { describe, expect, it } from 'vitest';
import { cellText, confusionLayout, confusionSvg, escapeXml, groupedBarSvg, lineChartSvg, niceTicks, shortLabel } from './svg';

describe('svg builders', () => {
  it('escapes markup in user strings', () => {
    expect(escapeXml(`<img src="x" onerror='a&b'>`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;a&amp;b&#39;&gt;');
  });

  it('draws one cell per class pair with counts or row percentages, names escaped', () => {
    const names = ['<b>', 'fibres'];
    const svg = confusionSvg([[3, 1], [0, 2]], names, false);
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('>3</text>');
    const pct = confusionSvg([[3, 1], [0, 2]], names, true);
    expect(pct).toContain('>75%</text>');
    expect(pct).toContain('>100%</text>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('shrinks cells as classes grow, so 30 classes stay workable', () => {
    const names = (k: number) => Array.from({ length: k }, (_, i) => `class_${i}`);
    expect(confusionLayout(names(3)).cell).toBeGreaterThan(confusionLayout(names(30)).cell);
    expect(confusionLayout(names(30)).width).toBeLessThan(1000);
    expect(shortLabel('MEMS_devices_and_electrodes_long_name')).toHaveLength(22);
    expect(cellText(3, 0.333, true)).toBe('33%');
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 2.3)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(1, 1)).toEqual([1]);
  });

  it('draws line series and bands, skipping non-finite points', () => {
    const svg = lineChartSvg({
      title: 'loss', xLabel: 'epoch',
      series: [{ name: 'train', color: '#000', points: [{ x: 0, y: 1 }, { x: 1, y: Number.NaN }, { x: 2, y: 0.5 }] }],
      bands: [{ x0: 0, x1: 1, label: '32 px' }],
    });
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/);
    expect(svg).toContain('32 px');
    expect(svg).not.toContain('NaN');
  });

  it('draws one bar per class and series', () => {
    const svg = groupedBarSvg({ title: 't', categories: ['a', 'b'], series: [{ name: 'p', color: '#111', values: [0.5, 1] }, { name: 'r', color: '#222', values: [0, 0.25] }] });
    expect(svg.match(/<rect x="[\d.]+" y=/g)).toHaveLength(4 + 2); // bars + legend swatches
  });
});
