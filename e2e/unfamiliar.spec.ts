// The unfamiliar-image check on real microscope images (../shared/fixtures/sem-real, read in place): a model
// trained on the Zeiss NFFA frames (5 classes) gives every image one of them, a PAN nanofiber TIFF too, often
// with a high probability. The check compares each image's features with the training images' and flags the
// nanofibers as unlike anything it was trained on; the NFFA frames stay unflagged. Evaluate states the check's
// false-alarm rate on the validation images; the review queue marks the unlabelled nanofibers dropped in with
// the NFFA folders; and the check travels with the model (kept in the project, so a reload brings it back, and in
// an exported bundle).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { expect, test } from './fixtures';

const REAL = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'sem-real');
const filesIn = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => /\.(jpe?g|tiff?)$/i.test(f)).map((f) => join(dir, d.name, f)));

test.skip(!existsSync(REAL), `real fixtures not found at ${REAL}`);

/** A lab folder as a user would have it (in the system's temp folder, never in the repo): the NFFA class folders, and the nanofiber TIFFs loose beside them, unlabelled. */
function mixedFolder(nffa: string[], fibres: string[]): string {
  const root = join(mkdtempSync(join(tmpdir(), 'sem-unfamiliar-')), 'lab');
  for (const f of nffa) {
    mkdirSync(join(root, basename(dirname(f))), { recursive: true });
    copyFileSync(f, join(root, basename(dirname(f)), basename(f)));
  }
  for (const f of fibres) copyFileSync(f, join(root, basename(f)));
  return root;
}

let temp: string | null = null;
test.afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = null;
});

test('a model trained on NFFA frames flags nanofiber TIFFs as unfamiliar, in the review queue and in Classify, and keeps the check after a reload', async ({ app, page }) => {
  test.setTimeout(300_000);
  const nffa = filesIn(join(REAL, 'nffa-databar'));
  const fibres = filesIn(join(REAL, 'nanofiber-tiff'));
  const lab = mixedFolder(nffa, fibres);
  temp = dirname(lab);
  await app.open('backbone=resnet50-tiny&backend=wasm&seed=42&mode=fast&schedule=64x4');
  await app.waitReady();
  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(lab);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(fibres.length));
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });

  await expect(page.getByTestId('train.kept-model')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });

  // Evaluate measures the check where every image is like the training ones: what it flags there are false alarms.
  await app.step('evaluate');
  const note = page.getByTestId('metrics.novelty');
  await expect(note).toHaveAttribute('data-state', 'measured');
  const validFlagged = Number(await note.getAttribute('data-flagged'));
  const validTotal = Number(await note.getAttribute('data-total'));
  expect(validTotal).toBeGreaterThan(0);
  await expect(note).toContainText(`flags ${validFlagged} of the ${validTotal} validation image`);
  await expect(note).toContainText('false-alarm rate');

  // "Label with the model": the nanofibers were dropped in unlabelled; the queue marks those unlike every class.
  await app.step('data');
  await page.getByTestId('review.start').click();
  await expect(page.getByTestId('review.status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  const items = page.getByTestId('review.item');
  await expect(items).toHaveCount(fibres.length);
  const queued = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-unfamiliar')));
  expect(queued.filter((u) => u === 'true').length).toBeGreaterThanOrEqual(fibres.length - 1);
  if (queued[0] === 'true') await expect(page.getByTestId('review.unfamiliar')).toContainText('look before you accept');

  const flags = async () => {
    const rows = await app.classify([...nffa, ...fibres]);
    await expect(page.locator('[data-testid="predict.row"][data-state="done"]')).toHaveCount(nffa.length + fibres.length);
    const out = new Map<string, { unfamiliar: boolean; distance: number; label: string; confidence: number }>();
    for (const r of await rows.all()) {
      out.set((await r.getAttribute('data-file'))!, {
        unfamiliar: (await r.getAttribute('data-unfamiliar')) === 'true',
        distance: Number(await r.getAttribute('data-distance')),
        label: (await r.getAttribute('data-label'))!,
        confidence: Number(await r.getAttribute('data-confidence')),
      });
    }
    return out;
  };
  const name = (f: string) => f.split('/').pop()!;
  const first = await flags();
  for (const [file, f] of first) console.log(`${file}: ${f.label} ${(f.confidence * 100).toFixed(1)} %, distance ${f.distance}${f.unfamiliar ? ' UNFAMILIAR' : ''}`);
  // Every nanofiber TIFF gets an NFFA class, some with a high probability; the check flags (nearly) all of them,
  // and (nearly) none of the NFFA frames the model was trained on.
  const fibreFlags = fibres.filter((f) => first.get(name(f))!.unfamiliar).length;
  const nffaFlags = nffa.filter((f) => first.get(name(f))!.unfamiliar).length;
  expect(fibreFlags).toBeGreaterThanOrEqual(fibres.length - 1);
  expect(nffaFlags).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('predict.unfamiliar-count')).toHaveAttribute('data-count', String(fibreFlags + nffaFlags));
  const tag = page.locator(`[data-testid="predict.row"][data-file="${name(fibres[0])}"]`).getByTestId('predict.unfamiliar');
  if (first.get(name(fibres[0]))!.unfamiliar) await expect(tag).toHaveAttribute('title', /Unlike the training images.*check it by eye/);
  // "unfamiliar only" leaves the flagged rows.
  await page.getByTestId('predict.unfamiliar-only').check();
  await expect(page.getByTestId('predict.row')).toHaveCount(fibreFlags + nffaFlags);
  await page.getByTestId('predict.unfamiliar-only').uncheck();

  // The project kept the model as a bundle; a reload restores it from there, with its training images' features.
  await page.reload();
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', /^bundle: Run /, { timeout: 120_000 });
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.novelty')).toHaveAttribute('data-state', 'measured');
  const again = await flags();
  for (const [file, f] of first) {
    expect(again.get(file)!.unfamiliar, file).toBe(f.unfamiliar);
    expect(Math.abs(again.get(file)!.distance - f.distance), file).toBeLessThan(2e-3);
  }
});

// The check's false alarms with more training images: a model trained on 72 generated frames of three kinds
// (films, porous, tips) flags at most a tenth of its validation frames. Real NFFA frames classified by it are
// logged, not asserted: this tiny network's features barely tell them from the generated frames (measured: it
// flags 1 to 3 of the 10, whatever the layer or distance tried; see README, Classify step).
test('a model trained on generated frames raises few false alarms on its validation frames', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.openWithTrainTree('backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x1&batch=8&seed=1');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await app.step('evaluate');
  const note = page.getByTestId('metrics.novelty');
  await expect(note).toHaveAttribute('data-state', 'measured', { timeout: 60_000 });
  const flagged = Number(await note.getAttribute('data-flagged'));
  const total = Number(await note.getAttribute('data-total'));
  expect(total).toBe(15);
  expect(flagged).toBeLessThanOrEqual(Math.ceil(total / 10));
  const nffa = filesIn(join(REAL, 'nffa-databar'));
  const rows = await app.classify(nffa);
  await expect(page.locator('[data-testid="predict.row"][data-state="done"]')).toHaveCount(nffa.length);
  const verdicts = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-label')} ${e.getAttribute('data-confidence')} at ${e.getAttribute('data-distance')}${e.getAttribute('data-unfamiliar') === 'true' ? ' UNFAMILIAR' : ''}`));
  console.log(`validation: ${flagged} of ${total} flagged, threshold ${await note.getAttribute('data-threshold')}; real NFFA frames: ${verdicts.join('; ')}`);
});
