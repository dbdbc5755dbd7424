// The flow runs page: the runs of every deployment with their states, and the way to the other pages.
import assert from 'node:assert/strict';
import { browserTest, given, open, screenshot } from './dashboard.mjs';

const COLUMNS = ['State', 'Name', 'Flow', 'Deployment', 'Work queue', 'Tags', 'Start', 'Duration'];

browserTest('the runs table shows each run with its state and a link to its page', async (page) => {
  await open(page, '/');
  await page.getByRole('navigation').getByRole('link', { name: 'Flow runs' }).click();

  await page.getByRole('heading', { level: 1, name: 'Flow runs' }).waitFor();
  const runs = page.getByRole('table', { name: 'Flow runs' });
  for (const column of COLUMNS) {
    await runs.getByRole('columnheader', { name: column, exact: true }).waitFor();
  }
  for (const [name, id, state] of [
    [given('COMPLETED_RUN_NAME'), given('COMPLETED_RUN_ID'), 'Completed'],
    [given('FAILED_RUN_NAME'), given('FAILED_RUN_ID'), 'Failed'],
  ]) {
    const link = runs.getByRole('link', { name, exact: true });
    const row = runs.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await row.getByText(state, { exact: true }).waitFor();
    assert.equal(new URL(await link.getAttribute('href'), page.url()).pathname, `/runs/${id}`);
  }
  await screenshot(page, 'runs');
});

browserTest('each nav link opens its page under a heading of the same name', async (page) => {
  const pages = [
    ['Deployments', 'deployments', page.getByRole('link', { name: /nightly/ }).first()],
    ['Work queues', 'work-queues', page.getByRole('table', { name: 'Work queues' })
      .getByRole('button', { name: 'Pause prod' })],
    ['Blocks', 'blocks', page.getByRole('link', { name: /(^|\/)local$/ })],
  ];
  await open(page, '/');
  for (const [name, file, loaded] of pages) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await loaded.waitFor();
    await screenshot(page, file);
  }
});
