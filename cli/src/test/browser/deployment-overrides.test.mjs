// A deployment's infrastructure overrides: saved from its page, used by the next run started there;
// a key its block does not have is refused with the server's one-line reason.
import assert from 'node:assert/strict';
import { browserTest, field, given, open, screenshot } from './dashboard.mjs';

browserTest('an override saved on a deployment reaches its next run, and a bad key is refused', async (page) => {
  await open(page, `/deployments/${given('DEPLOYMENT_ID')}`);
  await field(page, 'Overrides').fill('env.LOG_LEVEL=DEBUG');

  await page.getByRole('button', { name: 'Save overrides', exact: true }).click();

  await page.getByRole('status').filter({ hasText: 'Overrides saved' }).waitFor();
  await screenshot(page, 'deployment-overrides-saved');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start run', exact: true }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await page.getByRole('log', { name: 'Logs' }).getByText('LOG_LEVEL=DEBUG').first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'deployment-overrides-next-run');

  await page.goBack();
  const overrides = field(page, 'Overrides');
  assert.equal(await overrides.inputValue(), 'env.LOG_LEVEL=DEBUG');
  await overrides.fill('env.LOG_LEVEL=DEBUG\nimagee=x');

  await page.getByRole('button', { name: 'Save overrides', exact: true }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'imagee' });
  await alert.waitFor();
  assert.doesNotMatch(await alert.textContent(), /\n/, 'the reason is one line');
  assert.equal(await overrides.getAttribute('aria-invalid'), 'true');
  assert.equal(await alert.getAttribute('id'), 'overrides-error', 'said under the overrides');
  assert.match(await overrides.getAttribute('aria-describedby'), /\boverrides-error\b/);
  assert.equal(await page.getByRole('status').textContent(), '');
  await screenshot(page, 'deployment-overrides-refused');
});
