import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/eval/csv';
import { CSV_HEADER, filterPredictions, isUncertain, isUnfamiliar, labelCounts, NO_FILTER, pageSlice, predictionsCsv, predictionsJson, summary } from './classifySelectors';
import type { PredictionRow } from './classifySlice';

let id = 0;
function row(file: string, top: [string, number][], state: PredictionRow['state'] = 'done', error: string | null = null): PredictionRow {
  return {
    id: ++id, file, source: null as unknown as File, thumbUrl: null, state, error,
    top: top.map(([label, probability]) => ({ label, probability })), probs: top.map((t) => t[1]), classNames: top.map((t) => t[0]),
    dataBarCropped: false, tta: false, cropDataBar: true,
  };
}

const rows = [
  row('a/porous_1.png', [['porous', 0.9], ['fibres', 0.06], ['tips', 0.04]]),
  row('a/fibre_2.png', [['fibres', 0.45], ['porous', 0.35], ['tips', 0.2]]),
  row('a/broken.png', [], 'error', 'damaged PNG: the file is truncated'),
  row('b/=evil,"x".tif', [['porous', 0.55], ['tips', 0.3], ['fibres', 0.15]]),
  row('b/waiting.png', [], 'pending'),
];

describe('uncertain flag and filters', () => {
  it('flags classified images below the threshold only', () => {
    expect(rows.map((r) => isUncertain(r, 0.5))).toEqual([false, true, false, false, false]);
    expect(rows.map((r) => isUncertain(r, 0.6))).toEqual([false, true, false, true, false]);
    expect(summary(rows, 0.6)).toEqual({ done: 3, failed: 1, uncertain: 2, unfamiliar: 0, checked: 0 });
  });

  it('filters by label, uncertainty and text, together', () => {
    expect(filterPredictions(rows, NO_FILTER, 0.5)).toHaveLength(5);
    expect(filterPredictions(rows, { ...NO_FILTER, label: 'porous' }, 0.5).map((r) => r.file)).toEqual(['a/porous_1.png', 'b/=evil,"x".tif']);
    expect(filterPredictions(rows, { ...NO_FILTER, uncertainOnly: true }, 0.6).map((r) => r.file)).toEqual(['a/fibre_2.png', 'b/=evil,"x".tif']);
    expect(filterPredictions(rows, { ...NO_FILTER, label: 'porous', uncertainOnly: true }, 0.6)).toHaveLength(1);
    expect(filterPredictions(rows, { ...NO_FILTER, search: '  BROKEN ' }, 0.5).map((r) => r.file)).toEqual(['a/broken.png']);
  });

  it('flags, counts and filters unfamiliar images, a confident one too', () => {
    const nov = (distance: number) => ({ distance, threshold: 0.3, nearest: 'porous', unfamiliar: distance > 0.3 });
    const checked = [
      { ...row('far.png', [['porous', 0.99], ['tips', 0.01]]), novelty: nov(0.7) },
      { ...row('near.png', [['porous', 0.4], ['tips', 0.6]]), novelty: nov(0.1) },
      { ...row('bad.png', [], 'error', 'unreadable'), novelty: null },
    ];
    expect(checked.map(isUnfamiliar)).toEqual([true, false, false]);
    expect(summary(checked, 0.5)).toMatchObject({ unfamiliar: 1, checked: 2, uncertain: 1 });
    expect(filterPredictions(checked, { ...NO_FILTER, unfamiliarOnly: true }, 0.5).map((r) => r.file)).toEqual(['far.png']);
    // rows of a model without the check: the ticked filter (its checkbox hidden) hides nothing
    expect(filterPredictions(rows, { ...NO_FILTER, unfamiliarOnly: true }, 0.5)).toHaveLength(rows.length);
    const parsed = parseCsv(predictionsCsv(checked, 0.5));
    const col = (name: string) => CSV_HEADER.indexOf(name);
    expect(parsed.slice(1).map((l) => [l[col('unfamiliar')], l[col('feature_distance')], l[col('unfamiliar_above')]]))
      .toEqual([['true', '0.7', '0.3'], ['false', '0.1', '0.3'], ['', '', '']]);
    expect(predictionsJson(checked, 0.5, null).images.map((i) => i.novelty?.unfamiliar ?? null)).toEqual([true, false, null]);
  });

  it('counts predicted labels, most frequent first', () => {
    expect(labelCounts(rows)).toEqual([{ label: 'porous', count: 2 }, { label: 'fibres', count: 1 }]);
  });

  it('pages rows and clamps the page', () => {
    const list = Array.from({ length: 25 }, (_, i) => i);
    expect(pageSlice(list, 0, 10)).toEqual({ rows: list.slice(0, 10), page: 0, pages: 3 });
    expect(pageSlice(list, 9, 10)).toEqual({ rows: list.slice(20), page: 2, pages: 3 });
    expect(pageSlice([], 3, 10)).toEqual({ rows: [], page: 0, pages: 1 });
  });
});

describe('exports', () => {
  it('CSV: header plus one line per image that parses back, errors and uncertainty included', () => {
    const parsed = parseCsv(predictionsCsv(rows, 0.5));
    expect(parsed).toHaveLength(rows.length + 1);
    expect(parsed[0]).toEqual(CSV_HEADER);
    const col = (name: string) => CSV_HEADER.indexOf(name);
    expect(parsed[1].slice(0, 3)).toEqual(['a/porous_1.png', 'porous', '0.9']);
    expect(parsed[1][col('top3_label')]).toBe('tips');
    expect(parsed[2][col('uncertain')]).toBe('true');
    expect(parsed[3][col('error')]).toMatch(/truncated/);
    expect(parsed[3][col('label')]).toBe('');
    expect(parsed[4][col('file')]).toBe('b/=evil,"x".tif');
    expect(parsed[5][col('error')]).toBe('not classified yet');
  });

  it('CSV: the true class from the folder, the model id and the date on every line', () => {
    const parsed = parseCsv(predictionsCsv([row('test/tips/t1.png', [['porous', 0.6], ['tips', 0.4]]), row('loose.png', [['porous', 1]])], 0.5,
      { modelId: 'bundle: lab-v2', date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }));
    const col = (name: string) => CSV_HEADER.indexOf(name);
    expect(parsed[1][col('true_label')]).toBe('tips');
    expect(parsed[2][col('true_label')]).toBe('');
    expect(parsed[1][col('model_id')]).toBe('bundle: lab-v2');
    expect(parsed[2][col('date')]).toBe('2026-01-02T03:04:05.000Z');
  });

  it('CSV: pixel size, its source, magnification, kV and detector when known; a formula-like detector neutralised', () => {
    const known = { ...row('jeol/s1.jpg', [['porous', 1]]), instrument: { pixelSizeNm: 6.25, pixelSizeSource: 'jeol-sidecar' as const, magnification: 10_000, kV: 15, detector: 'SEI' } };
    const odd = { ...row('x.tif', [['porous', 1]]), instrument: { pixelSizeNm: null, pixelSizeSource: null, magnification: null, kV: 2, detector: '=cmd|x' } };
    const parsed = parseCsv(predictionsCsv([known, odd, row('plain.png', [['porous', 1]])], 0.5));
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const cols = ['pixel_size_nm', 'pixel_size_source', 'magnification', 'kv', 'detector'].map(col);
    expect(cols.every((c) => c > 0)).toBe(true);
    expect(cols.map((c) => parsed[1][c])).toEqual(['6.25', 'jeol-sidecar', '10000', '15', 'SEI']);
    expect(cols.map((c) => parsed[2][c])).toEqual(['', '', '', '2', "'=cmd|x"]);
    expect(cols.map((c) => parsed[3][c])).toEqual(['', '', '', '', '']);
  });

  it('CSV neutralises a file name that starts like a formula', () => {
    const parsed = parseCsv(predictionsCsv([row('=HYPERLINK("x").png', [['porous', 1]])], 0.5));
    expect(parsed[1][0]).toBe(`'=HYPERLINK("x").png`);
  });

  it('JSON keeps the full probabilities and the settings', () => {
    const json = predictionsJson(rows, 0.5, { backbone: 'resnet50-tiny', classNames: ['porous', 'fibres', 'tips'], headTrained: true, inputSize: 64 }, new Date(0));
    expect(json.images).toHaveLength(5);
    expect(json.images[0]).toMatchObject({ label: 'porous', confidence: 0.9, uncertain: false, error: null });
    expect(json.images[1].uncertain).toBe(true);
    expect(json.images[2]).toMatchObject({ label: null, error: 'damaged PNG: the file is truncated' });
    expect(json.createdAt).toBe('1970-01-01T00:00:00.000Z');
  });
});
