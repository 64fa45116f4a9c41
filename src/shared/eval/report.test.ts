import { describe, expect, it } from 'vitest';
import { PUBLISHED_REFERENCES } from './references';
import { buildReportHtml, stageBands, type ReportInput } from './report';
import type { Evaluation } from './types';

const evaluation: Evaluation = {
  runId: null, classNames: ['<script>alert(1)</script>', 'fibres'], split: 'valid', size: 48, ttaItems: null, createdAt: 0,
  items: [
    { hash: 'a', path: 'r/x/1.png', label: 0, probs: [0.9, 0.1] },
    { hash: 'b', path: 'r/x/2.png', label: 0, probs: [0.3, 0.7] },
    { hash: 'c', path: 'r/f/3.png', label: 1, probs: [0.2, 0.8] },
  ],
};

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    evaluation, dataset: { name: 'train3', classes: [{ name: 'fibres', train: 4, valid: 1 }], splitSeed: 1, validFrac: 0.2, cropDataBar: true },
    plan: { classNames: [], trainImages: 4, validImages: 3, stepsPerEpoch: 2, stages: [{ size: 32, epochs: 1 }, { size: 48, epochs: 1 }], perEpoch: [], warnings: [] },
    recipe: null, model: null, backend: 'webgl',
    epochs: [
      { phase: 'frozen', epoch: 0, trainLoss: 1.2, validLoss: 1.1, validAccuracy: 0.5, seconds: 3, memory: { numTensors: 1, numBytes: 1 }, size: 32, stage: 0 },
      { phase: 'unfrozen', epoch: 1, trainLoss: 0.9, validLoss: 0.8, validAccuracy: 0.66, seconds: 4, memory: { numTensors: 1, numBytes: 1 }, size: 48, stage: 1 },
    ],
    lossPoints: [{ step: 0, smoothLoss: 1.3, lr: 1e-4 }, { step: 1, smoothLoss: 1.1, lr: 2e-3 }],
    references: PUBLISHED_REFERENCES, ...over,
  };
}

describe('evaluation report', () => {
  it('is one self-contained HTML page with every section', () => {
    const html = buildReportHtml(input());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const s of ['Model card', 'Summary', 'Per class', 'Confusion matrix', 'Most confused', 'Training curves', '@media print']) expect(html).toContain(s);
    expect(html).toContain('0.6667'); // accuracy 2/3
    expect(html).toContain('Modarres');
    expect(html).toContain('7.0 s over 2 epochs');
    expect((html.match(/<svg /g) ?? []).length).toBe(5); // bars, matrix, loss, accuracy, lr
    // No external resources: the only URL is the SVG namespace identifier.
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|src=|href=|<script|<link/);
  });

  it('names the sizes the epochs ran at, not a plan that did not run (fast mode: all at one size)', () => {
    expect(buildReportHtml(input())).toContain('Sizes run</dt><dd>32 px × 1 epoch, 48 px × 1 epoch');
    const fast = input().epochs.map((e) => ({ ...e, size: 48 }));
    expect(buildReportHtml(input({ epochs: fast }))).toContain('Sizes run</dt><dd>48 px × 2 epochs');
    expect(buildReportHtml(input({ epochs: [] }))).toContain('Schedule</dt><dd>32 px × 1 epoch, 48 px × 1 epoch');
  });

  it('escapes class names', () => {
    const html = buildReportHtml(input());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('shows TTA metrics beside the plain ones when present', () => {
    const html = buildReportHtml(input({ evaluation: { ...evaluation, ttaItems: evaluation.items.map((i) => ({ ...i, probs: [...i.probs].reverse() })) } }));
    expect(html).toContain('with TTA');
  });

  it('says how many independent groups the figures rest on, with the Wilson interval on them', () => {
    // 3 images in 2 groups at accuracy 2/3: n = 2 → Wilson [0.1594, 0.9547].
    const html = buildReportHtml(input({ independence: { images: 3, groups: 2 } }));
    expect(html).toContain('rest on <b>2 independent groups</b>');
    expect(html).toContain('95% interval 15.9–95.5 % (Wilson, n = 2 independent groups)');
    expect(buildReportHtml(input({ independence: { images: 3, groups: 3 } }))).toContain('(Wilson, n = 3 images)');
    expect(buildReportHtml(input())).not.toContain('id="independence"');
  });

  it('states the unfamiliar-image check’s false alarms on the validation images when the model has one', () => {
    const items = evaluation.items.map((it, i) => ({ ...it, distance: i === 0 ? 0.5 : 0.1 }));
    const html = buildReportHtml(input({ evaluation: { ...evaluation, items, novelty: { threshold: 0.3, images: 40 } } }));
    expect(html).toContain(`Here it flags 1 of the ${items.length} validation images`);
    expect(html).toContain('99 % of the 40 training images');
    expect(buildReportHtml(input())).not.toContain('id="novelty"');
  });

  it('says so when there are no curves', () => {
    expect(buildReportHtml(input({ epochs: [], plan: null }))).toContain('No training curves');
  });

  it('places progressive-resizing stages on the epoch axis', () => {
    expect(stageBands({ stages: [{ size: 32, epochs: 2 }, { size: 48, epochs: 1 }] })).toEqual([
      { x0: 0, x1: 2, label: '32 px' }, { x0: 2, x1: 3, label: '48 px' },
    ]);
  });
});

describe('baseline in the report', () => {
  const baseline = { method: 'lbp-logreg', accuracy: 1, f1: 1, trainImages: 4, validImages: 3, seconds: 1, items: [] };
  it('lists the baseline row and says prominently when the network does not beat it', () => {
    const html = buildReportHtml(input({ baseline }));
    expect(html).toContain('baseline: LBP texture + logistic regression');
    expect(html).toContain('<code>lbp-logreg</code>');
    // The network has 2/3 right, the baseline 3/3.
    expect(html).toMatch(/id="baseline-verdict"><b>This model does worse than the classical baseline<\/b> \(accuracy 66\.7 % vs 100\.0 %/);
  });
  it('no warning when the network is better; a line when there was no baseline', () => {
    expect(buildReportHtml(input({ baseline: { ...baseline, accuracy: 1 / 3, f1: 0.2 } }))).not.toContain('baseline-verdict');
    expect(buildReportHtml(input())).toContain('The classical baseline was not computed');
  });
});

describe('a report from a hostile project file (issue 15)', () => {
  // What a project file can put into these fields when the manifest is not checked: strings where numbers belong.
  const payloads = ['1 <img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'><script>alert(1)</script>", '</style><script>x()</script>'];

  it('escapes every field, numbers included, so no payload becomes markup', () => {
    for (const p of payloads) {
      const hostile = p as unknown as number;
      const html = buildReportHtml(input({
        dataset: { name: p, classes: [{ name: p, train: hostile, valid: hostile }], splitSeed: hostile, validFrac: hostile, cropDataBar: true },
        plan: { classNames: [], trainImages: 4, validImages: 3, stepsPerEpoch: 2, stages: [{ size: hostile, epochs: hostile }], perEpoch: [], warnings: [] },
        recipe: { freezeEpochs: hostile, baseLr: hostile, batchSize: hostile, augment: true, labelSmoothing: hostile, seed: hostile } as unknown as ReportInput['recipe'],
        model: { backbone: p, params: hostile, weightsNote: p, preprocessing: p } as unknown as ReportInput['model'],
        backend: p,
      }));
      // Every tag in the page is one the report itself writes.
      const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
      for (const t of tags) expect(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'svg', 'g', 'rect', 'text', 'line', 'path', 'polyline', 'title', 'em', 'b', 'circle', 'tspan', 'desc']).toContain(t);
      expect(html).not.toMatch(/<img|<script|<svg onload/i);
    }
  });

  it('carries a CSP that allows no script and no request', () => {
    const html = buildReportHtml(input());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replaceAll('&#39;', "'");
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|connect-src/);
    // The policy comes before anything it must govern.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });
});
