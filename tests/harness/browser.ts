import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/**
 * Saves a screenshot under tests/artifacts/ for a person to look at: the full page, or
 * with `fullPage: false` what the screen shows (a phone's page of thousands of cards).
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage });
}

/** One Chromium for the current test file, closed after it. Read `.browser` inside tests. */
export function useBrowser() {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}

/**
 * Opens a Dais page in its own browser context (its own storage, so its own
 * participant) and waits until it has joined its event.
 */
export async function openEventPage(
  browser: Browser,
  url: string,
  viewport = { width: 1400, height: 1000 },
  /** Runs before the page loads, e.g. to set the browser's clock. */
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await prepare?.(page);
  await page.goto(url);
  await page.getByTestId('connection-status').and(page.locator('[data-state="online"]')).waitFor();
  return page;
}
