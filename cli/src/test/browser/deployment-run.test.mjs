// A deployment's Run dialog: one field per parameter, and the new run's page once it has started.
import { browserTest, field, given, open, screenshot } from './dashboard.mjs';

browserTest('a run started with parameters from the dialog runs with them', async (page) => {
  await open(page, `/deployments/${given('DEPLOYMENT_ID')}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await field(dialog, 'rows').fill('3');
  await field(dialog, 'table').fill('orders');
  await screenshot(page, 'deployment-run-dialog');

  await dialog.getByRole('button', { name: 'Start run', exact: true }).click();

  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 2, name: 'Parameters', exact: true }).waitFor();
  await page.getByText('orders').first().waitFor();
  const logs = page.getByRole('log', { name: 'Logs' });
  await logs.getByText('loaded row 3 into orders').first().waitFor({ timeout: 60_000 });
  await page.getByText('Completed', { exact: true }).first().waitFor();
  await screenshot(page, 'deployment-run-completed');
});
