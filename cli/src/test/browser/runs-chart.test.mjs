// The runs-over-time chart: a bar picked from its list with the keyboard, or on the chart with the mouse,
// narrows the table to that bar's runs (not LATER_RUN_NAME's, scheduled hours later) and puts its time in
// the address.
import assert from 'node:assert/strict';
import { browserTest, eventually, field, given, open, screenshot } from './dashboard.mjs';

/** A bar's button in the list reads "START – END: 1 Completed, 2 Failed", in the reader's zone. */
function barOf(text) {
  const [, start, end, counts] = /^(.+?) – (.+?): (.+)$/.exec(text.replace(/\s+/g, ' ').trim());
  const total = [...counts.matchAll(/\d+/g)].reduce((sum, [count]) => sum + Number(count), 0);
  return { start: Date.parse(start), end: Date.parse(end), total };
}

/** Opens the chart's list of bars with the keyboard; the button of the bar that holds a time. */
async function barButton(page, time) {
  const list = page.locator('details', { hasText: 'Runs over time as a list' });
  await list.getByText('Runs over time as a list', { exact: true }).focus();
  await page.keyboard.press('Enter');
  for (const button of await list.getByRole('button').all()) {
    const bar = barOf(await button.textContent());
    if (bar.start <= time && time < bar.end) {
      return { button, bar };
    }
  }
  throw new Error(`no bar of the list holds ${new Date(time).toISOString()}`);
}

/** The from and to of the address. */
function picked(page) {
  const params = new URL(page.url()).searchParams;
  return { from: params.get('from'), to: params.get('to') };
}

browserTest('a bar picked from the list or on the chart shows its runs and only them', async (page) => {
  const startedAt = Date.parse(given('COMPLETED_RUN_START'));
  const link = (name) => page.getByRole('table', { name: 'Flow runs' }).getByRole('link', { name, exact: true });
  const [run, later] = [link(given('COMPLETED_RUN_NAME')), link(given('LATER_RUN_NAME'))];
  await open(page, '/runs');
  await run.waitFor();
  await later.waitFor();
  const { button, bar } = await barButton(page, startedAt);
  const label = await button.textContent();
  await screenshot(page, 'runs-chart-list');

  await button.focus();
  await page.keyboard.press('Enter');

  await page.waitForURL((url) => url.searchParams.has('from') && url.searchParams.has('to'));
  const { from, to } = picked(page);
  assert.ok(Date.parse(from) <= startedAt && startedAt <= Date.parse(to), `the run is not in ${page.url()}`);
  await later.waitFor({ state: 'detached' });
  await run.waitFor();
  await page.getByText(`${bar.total} runs.`, { exact: true }).waitFor();
  await screenshot(page, 'runs-chart-bar-picked');

  await open(page, '/runs');
  await later.waitFor();
  const caption = page.locator('figcaption time');
  await caption.first().waitFor();
  const [start, end] = (await caption.evaluateAll((times) => times.map((time) => time.dateTime))).map(Date.parse);
  const plot = page.locator('.u-over');
  const box = await plot.boundingBox();
  const middle = (Date.parse(from) + Date.parse(to)) / 2;
  const position = { x: (middle - start) / (end - start) * box.width, y: box.height / 2 };
  await plot.hover({ position });
  await eventually(async () => assert.equal(await page.locator('.chart-hover').textContent(), label));
  await screenshot(page, 'runs-chart-hover');

  await plot.click({ position });

  await page.waitForURL((url) => url.searchParams.has('from'));
  assert.deepEqual(picked(page), { from, to });
  await later.waitFor({ state: 'detached' });
  assert.notEqual(await field(page, 'From').inputValue(), '');
  await screenshot(page, 'runs-chart-clicked');
});
