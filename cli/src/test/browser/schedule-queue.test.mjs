// A deployment's schedule and a work queue, paused (SWITCH=Pause) or resumed (SWITCH=Resume) from their pages;
// DashboardBrowserIT checks each time that ferry's CLI sees them so.
import { browserTest, fact, given, open, screenshot } from './dashboard.mjs';

const WORDS = {
  Pause: { schedule: 'Schedule paused.', queue: 'Paused', shown: 'paused', next: 'Resume' },
  Resume: { schedule: 'Schedule resumed.', queue: 'Resumed', shown: 'active', next: 'Pause' },
};

const verb = given('SWITCH');
const words = WORDS[verb];

browserTest(`${verb} a deployment's schedule and its work queue`, async (page) => {
  const [deployment, queue] = [given('DEPLOYMENT'), given('QUEUE')];
  await open(page, '/deployments');
  await page.getByRole('table', { name: 'Deployments' }).getByRole('link', { name: deployment, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: deployment, exact: true }).waitFor();

  await page.getByRole('button', { name: `${verb} schedule`, exact: true }).click();

  await page.getByRole('status').getByText(words.schedule, { exact: true }).waitFor();
  await page.getByRole('button', { name: `${words.next} schedule`, exact: true }).waitFor();
  // built with --cron and no --timezone: Prefect reads it in UTC, and the page says so
  await fact(page, 'Schedule').getByText(new RegExp(`^Cron 0 6 1 1 \\* \\(UTC\\), ${words.shown}$`)).waitFor();
  await screenshot(page, `schedule-${verb.toLowerCase()}d`);
  await page.getByRole('navigation').getByRole('link', { name: 'Work queues', exact: true }).click();
  const queues = page.getByRole('table', { name: 'Work queues' });

  await queues.getByRole('button', { name: `${verb} ${queue}`, exact: true }).click();

  await page.getByRole('status').getByText(`${words.queue} ${queue}.`, { exact: true }).waitFor();
  await queues.getByRole('button', { name: `${words.next} ${queue}`, exact: true }).waitFor();
  await screenshot(page, `work-queue-${verb.toLowerCase()}d`);
});
