// A failed run's Retry: the run is scheduled again and an agent runs it a second time, its page showing the
// second launch; a finished run cannot be cancelled.
import assert from 'node:assert/strict';
import { browserTest, eventually, fact, given, open, screenshot } from './dashboard.mjs';

/** The states of the run's history, oldest first. */
function statesShown(page) {
  return page.getByRole('region', { name: 'State history', exact: true }).getByRole('row')
    .filter({ has: page.getByRole('cell') }).evaluateAll((rows) => rows.map((row) => row.cells[0].textContent.trim()));
}

browserTest('a failed run retried is run again by an agent and fails again', async (page) => {
  await open(page, `/runs/${given('RUN_ID')}`);
  await page.getByRole('heading', { level: 1, name: given('RUN_NAME'), exact: true }).waitFor();
  await page.getByText('Failed', { exact: true }).first().waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('button', { name: 'Cancel', exact: true }).isDisabled(), true);
  assert.equal(await fact(page, 'Run count').textContent(), '1');
  await screenshot(page, 'run-retry-failed');

  await page.getByRole('button', { name: 'Retry', exact: true }).click();

  await page.getByRole('status').filter({ hasText: 'Scheduled again' }).waitFor();
  await screenshot(page, 'run-retry-scheduled');
  await fact(page, 'Run count').getByText('2', { exact: true }).waitFor({ timeout: 60_000 });
  await eventually(async () => assert.deepEqual((await statesShown(page)).slice(-4),
    ['Scheduled', 'Pending', 'Running', 'Failed']), 60_000);
  assert.equal((await statesShown(page)).filter((state) => state === 'Running').length, 2);
  const retried = Date.parse(await page.getByRole('row').filter({ hasText: 'Retried from the dashboard.' })
    .locator('time').getAttribute('datetime'));
  await eventually(async () => {
    const launched = await page.getByRole('region', { name: 'Launch', exact: true }).locator('time')
      .getAttribute('datetime');
    assert.ok(Date.parse(launched) >= retried, `the launch shown, at ${launched}, is the one before the retry`);
  });
  assert.equal(await page.getByRole('button', { name: 'Cancel', exact: true }).isDisabled(), true);
  await screenshot(page, 'run-retry-failed-again');
});
