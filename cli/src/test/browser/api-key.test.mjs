// A server that wants an API key: the dashboard asks for it, refuses a wrong one and shows the runs once signed in.
import assert from 'node:assert/strict';
import { browserTest, field, given, open, screenshot } from './dashboard.mjs';

browserTest('the dashboard asks for the API key and shows the runs once it is given', async (page) => {
  await open(page, '/');
  const dialog = page.getByRole('dialog');
  const key = field(dialog, 'API key');
  assert.equal(await key.getAttribute('type'), 'password');
  await screenshot(page, 'api-key-prompt');

  await key.fill('not-the-key');
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
  await key.waitFor();
  await screenshot(page, 'api-key-refused');

  await key.fill(given('FERRY_API_KEY'));
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();

  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('navigation').getByRole('link', { name: 'Flow runs', exact: true }).click();
  await page.getByRole('table', { name: 'Flow runs' }).getByRole('link', { name: given('RUN_NAME'), exact: true })
    .waitFor();
  await screenshot(page, 'api-key-signed-in');
});
