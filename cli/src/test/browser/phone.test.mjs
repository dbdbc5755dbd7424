// The dashboard at a phone's width: nothing wider than the screen but the tables, which scroll in their
// own regions, and the nav's links still there to tap.
import assert from 'node:assert/strict';
import { PHONE, browserTest, given, open, screenshot } from './dashboard.mjs';

/** That the page does not scroll sideways and each nav link lies within the screen and takes a tap. */
async function fitsThePhone(page) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width,
    `${page.url()} is wider than the phone`);
  for (const link of await page.getByRole('navigation').getByRole('link').all()) {
    const box = await link.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${await link.textContent()} is off the screen`);
    await link.click({ trial: true });
  }
}

browserTest('the runs page and a run\'s page fit a phone\'s width', async (page) => {
  const name = given('COMPLETED_RUN_NAME');
  await open(page, '/runs');
  await page.getByRole('table', { name: 'Flow runs' }).getByRole('link', { name, exact: true }).waitFor();
  await page.locator('.u-over').waitFor();
  await fitsThePhone(page);
  await screenshot(page, 'phone-runs');

  await open(page, `/runs/${given('COMPLETED_RUN_ID')}`);
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await page.getByRole('log', { name: 'Logs' }).getByText('loaded row 2 into events').waitFor();
  await fitsThePhone(page);
  await screenshot(page, 'phone-run');

  await page.getByRole('navigation').getByRole('link', { name: 'Work queues', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Work queues', exact: true }).waitFor();
}, { viewport: PHONE });
