// What every dashboard test needs: the values DashboardBrowserIT hands over, a fresh headless
// Chromium with one page, screenshots for a person to look at, and waiting on conditions.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/**
 * Chromium's flags: headless, no sandbox (the tests run as root on CI) and nothing that reaches
 * out to the network by itself (its connections are refused here). Playwright gives the profile
 * folder as --user-data-dir.
 */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SCREENSHOTS = process.env.FERRY_SCREENSHOTS
  || fileURLToPath(new URL('../../../target/screenshots', import.meta.url));

/** A value DashboardBrowserIT sets in the environment (FERRY_URL, run ids and names...). */
export function given(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through DashboardBrowserIT (mvn -B verify), which sets it`);
  }
  return value;
}

/**
 * Opens a dashboard address, e.g. open(page, '/runs?tag=etl'), as a person typing it would: the server
 * must answer it with the dashboard's HTML page.
 */
export async function open(page, path) {
  const response = await page.goto(new URL(path, given('FERRY_URL')).toString());
  const type = response.headers()['content-type'] ?? '';
  if (!response.ok() || !type.startsWith('text/html')) {
    throw new Error(`GET ${path} answered ${response.status()} ${type}, not the dashboard's HTML page`);
  }
}

/** A phone's screen, in CSS pixels: the viewport option of browserTest for the dashboard at a phone's width. */
export const PHONE = { width: 390, height: 844 };

/**
 * A test with a page of its own in a fresh Chromium (a new profile in a temporary folder, removed
 * afterwards), 1280x900 unless `viewport` says otherwise; when it fails, the page as it was is saved
 * as NAME-failed.png.
 */
export function browserTest(name, body, { viewport = { width: 1280, height: 900 } } = {}) {
  test(name, { timeout: 120_000 }, async (t) => {
    const profile = await mkdtemp(join(tmpdir(), 'ferry-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
      locale: 'en-US', // the same dates and numbers on every machine
    });
    t.after(async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await body(page);
    } catch (error) {
      await screenshot(page, `${slug(name)}-failed`).catch(() => {});
      throw error;
    }
  });
}

/** Saves the whole page as FERRY_SCREENSHOTS/NAME.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Retries an assertion until it passes, as a person waits for a page to catch up; after
 * timeoutMs the last failure is thrown.
 */
export async function eventually(assertion, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The form control named `name` in `scope`, as a screen reader announces it (its label or aria-label),
 * whatever kind it is: a text field or area, a list to pick from, a number or password field.
 */
export function field(scope, name) {
  return ['textbox', 'combobox', 'spinbutton', 'searchbox']
    .map((role) => scope.getByRole(role, { name, exact: true }))
    .reduce((any, control) => any.or(control), scope.getByLabel(name, { exact: true }));
}

/** The value of one of a page's facts, the term `name` of its description list ("Run count", "Schedule"...). */
export function fact(scope, name) {
  return scope.locator(`xpath=.//dt[normalize-space()="${name}"]/following-sibling::dd[1]`);
}

/** Sets a filter control to a value, whether it is a list to pick from or a field to type in. */
export async function choose(control, value) {
  if (await control.evaluate((element) => element.tagName === 'SELECT')) {
    await control.selectOption(value);
  } else {
    await control.fill(value);
    await control.press('Enter');
  }
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
