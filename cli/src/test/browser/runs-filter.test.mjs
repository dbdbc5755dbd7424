// The runs page's filters: a tag picked narrows the table and goes into the address, which can be shared.
import assert from 'node:assert/strict';
import { browserTest, choose, eventually, field, given, open, screenshot } from './dashboard.mjs';

function runLink(page, name) {
  return page.getByRole('table', { name: 'Flow runs' }).getByRole('link', { name, exact: true });
}

/** The text of the Tags cell of each run in the table. */
async function tagsShown(page) {
  const table = page.getByRole('table', { name: 'Flow runs' });
  const column = (await table.getByRole('columnheader').allTextContents()).findIndex((text) => text.trim() === 'Tags');
  return table.getByRole('row').filter({ has: page.getByRole('link') })
    .evaluateAll((rows, index) => rows.map((row) => row.cells[index].textContent.trim()), column);
}

browserTest('picking a tag keeps only the runs with that tag, and says so in the address', async (page) => {
  await open(page, '/runs');
  await runLink(page, given('FAILED_RUN_NAME')).waitFor();

  await choose(field(page, 'Tag'), 'etl');

  await page.waitForURL((url) => url.searchParams.get('tag') === 'etl');
  await runLink(page, given('COMPLETED_RUN_NAME')).waitFor();
  await runLink(page, given('FAILED_RUN_NAME')).waitFor({ state: 'detached' });
  await eventually(async () => assert.deepEqual(new Set(await tagsShown(page)), new Set(['etl'])));
  await screenshot(page, 'runs-tag-etl');
});

browserTest('an address with a tag opens the runs page filtered by it', async (page) => {
  await open(page, '/runs?tag=reports');

  await runLink(page, given('FAILED_RUN_NAME')).waitFor();
  await runLink(page, given('COMPLETED_RUN_NAME')).waitFor({ state: 'detached' });
  assert.equal(await field(page, 'Tag').inputValue(), 'reports');
  await screenshot(page, 'runs-tag-reports');
});
