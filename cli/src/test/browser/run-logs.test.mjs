// A run's page: opened from the runs table, it shows the run's sections and its log lines as they arrive.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { browserTest, given, open, screenshot } from './dashboard.mjs';

const SECTIONS = ['State history', 'Parameters', 'Infrastructure', 'Launch', 'Logs'];

browserTest('a running run\'s log lines and its end appear on its page without a reload', async (page) => {
  const name = given('RUN_NAME');
  await open(page, '/runs');
  await page.getByRole('table', { name: 'Flow runs' }).getByRole('link', { name, exact: true }).click();

  await page.waitForURL((url) => url.pathname === `/runs/${given('RUN_ID')}`);
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  for (const section of SECTIONS) {
    await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
  }
  const logs = page.getByRole('log', { name: 'Logs' });
  await logs.getByText(/\btick 1\b/).first().waitFor();
  await page.evaluate(() => { window.ferryPageNotReloaded = true; });
  await screenshot(page, 'run-logs-arriving');

  await writeFile(given('STOP_FILE'), 'the browser saw the first lines\n');

  await logs.getByText('slow run done').first().waitFor();
  await page.getByText('Completed', { exact: true }).first().waitFor();
  assert.equal(await page.evaluate(() => window.ferryPageNotReloaded), true, 'the page was reloaded');
  await screenshot(page, 'run-logs-completed');
});
