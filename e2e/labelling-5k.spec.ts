// The issue's bar: 5,000 unlabelled images, labelled one by one, as a range, all at once and undone, without
// a main-thread task over 200 ms. Measured without Playwright's trace (top-level: it needs its own worker),
// whose DOM snapshots run in the page on every action and are not the app's work.
import { expect, test } from './fixtures';
import { classRow, openBigDataset } from './labelling';

test.use({ trace: 'off' });

test('5,000 unlabelled images label without a main-thread task over 200 ms', async ({ app, page }) => {
  test.setTimeout(240_000);
  const N = 5000;
  await openBigDataset(app, page, N);
  // Long tasks by phase: each is recorded with the phase it ended in.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: [string, number][]; phase: string };
    w.longTasks = [];
    w.phase = 'keys';
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push([w.phase, e.duration]))).observe({ type: 'longtask' });
  });
  const phase = (name: string) => page.evaluate((n) => ((window as unknown as { phase: string }).phase = n), name);
  const saved = () => expect(page.getByTestId('train.blocker').filter({ hasText: 'Saving the label changes' })).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('dataset.filter-unlabelled').click();
  await page.getByTestId('dataset.image').first().click();
  // one at a time with the keys
  for (let i = 0; i < 10; i++) await page.keyboard.press(i % 2 ? '2' : '1');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(N - 10));
  // scroll through
  await phase('scroll');
  await page.getByTestId('dataset.gallery').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await page.getByTestId('dataset.image').first().click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('1');
  // all the rest at once, then undo it
  await phase('all');
  await page.getByTestId('dataset.gallery').focus();
  await page.keyboard.press('ControlOrMeta+a');
  const rest = Number(await page.getByTestId('dataset.selection').getAttribute('data-count'));
  expect(rest).toBeGreaterThan(N - 40);
  await page.keyboard.press('2');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', '0');
  await phase('split');
  await expect.poll(async () => Number(await classRow(page, 'b').getAttribute('data-train')) + Number(await classRow(page, 'b').getAttribute('data-valid')), { timeout: 60_000 })
    .toBe(Number(await classRow(page, 'b').getAttribute('data-count')));
  // Train waits for the writes: it says so until they are stored.
  await saved();
  await phase('undo');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(rest));
  await saved();
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: [string, number][] }).longTasks);
  const byPhase = new Map<string, number[]>();
  for (const [p, d] of longTasks) byPhase.set(p, [...(byPhase.get(p) ?? []), Math.round(d)]);
  const longest = Math.round(Math.max(0, ...longTasks.map((t) => t[1])));
  console.log(`labelling ${N} images: ${longTasks.length} long tasks, longest ${longest} ms; ${[...byPhase].map(([p, d]) => `${p}: ${d.length} (max ${Math.max(...d)} ms)`).join(', ')}`);
  expect(longest, 'longest main-thread task while labelling (ms)').toBeLessThanOrEqual(200);
});
