// A run's Cancel button: the agent stops the run and its page says Cancelled.
import { browserTest, given, open, screenshot } from './dashboard.mjs';

browserTest('cancelling a running run ends it Cancelled', async (page) => {
  page.on('dialog', (dialog) => dialog.accept()); // a confirmation the browser asks, if the dashboard asks one
  await open(page, `/runs/${given('RUN_ID')}`);
  await page.getByRole('heading', { level: 1, name: given('RUN_NAME'), exact: true }).waitFor();
  await page.getByText('Running', { exact: true }).first().waitFor();
  await screenshot(page, 'run-cancel-running');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  await page.getByText('Cancelled', { exact: true }).first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'run-cancel-cancelled');
});
