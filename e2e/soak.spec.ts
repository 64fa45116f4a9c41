import { expect, test } from './fixtures';

const EPOCHS = Number(process.env.SOAK_EPOCHS ?? 50);

// @stress (npm run test:stress): a long full-mode run with a checkpoint after every epoch. After each epoch:
// tensors in the worker, the page's JS heap and the origin's stored bytes. All must stay flat.
test(`soak: ${EPOCHS} epochs of resnet50-tiny with checkpoints, tensors, heap and storage flat @stress`, async ({ app, page }) => {
  test.setTimeout(EPOCHS * 60_000);
  await app.openWithTrainTree(`backbone=resnet50-tiny&backend=webgl&mode=full&schedule=32x${EPOCHS}&batch=8&seed=1`);
  await page.getByTestId('train.start').click();
  const rows = page.getByTestId('train.epoch-row');
  const samples: { epoch: number; tensors: number; heap: number; stored: number }[] = [];
  for (let e = 1; e <= EPOCHS; e++) {
    await expect(rows).toHaveCount(e, { timeout: 120_000 });
    const tensors = Number(await rows.nth(e - 1).getAttribute('data-tensors'));
    const { heap, stored } = await page.evaluate(async () => ({
      heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
      stored: (await navigator.storage.estimate()).usage ?? 0,
    }));
    samples.push({ epoch: e, tensors, heap, stored });
  }
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log(samples.filter((s) => s.epoch === 1 || s.epoch % 10 === 0).map((s) => `epoch ${s.epoch}: ${s.tensors} tensors, heap ${mib(s.heap)} MiB, stored ${mib(s.stored)} MiB`).join('\n'));
  // Tensors: exactly flat. Heap and storage: no growth with the epochs (the GC and IndexedDB's compaction
  // make them wobble, so the last ten epochs are compared with the first ten).
  expect(new Set(samples.map((s) => s.tensors)).size).toBe(1);
  const max = (xs: number[]) => Math.max(...xs);
  const first = samples.slice(0, 10);
  const last = samples.slice(-10);
  expect(max(last.map((s) => s.heap))).toBeLessThan(1.5 * max(first.map((s) => s.heap)));
  expect(max(last.map((s) => s.stored))).toBeLessThan(1.5 * max(first.map((s) => s.stored)));
});
