// A block's page: its fields edited and saved; the next run of a deployment on the block gets them.
import { browserTest, field, given, open, screenshot } from './dashboard.mjs';

browserTest('an env saved on a process block is printed by the next run', async (page) => {
  const greeting = given('GREETING');
  await open(page, '/blocks');
  await page.getByRole('link', { name: /(^|\/)local$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'process/local', exact: true }).waitFor();
  await field(page, 'env').fill(JSON.stringify({ GREETING: greeting }));

  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await page.getByRole('status').filter({ hasText: /\S/ }).first().waitFor();
  await screenshot(page, 'block-env-saved');
  await open(page, `/deployments/${given('DEPLOYMENT_ID')}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start run', exact: true }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await page.getByRole('log', { name: 'Logs' }).getByText(`GREETING=${greeting}`).first()
    .waitFor({ timeout: 60_000 });
  await screenshot(page, 'block-env-next-run');
});
