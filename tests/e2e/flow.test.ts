import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import { createEvent } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();
/** What the pages logged as errors, refused under the CSP, or threw. */
const errors: string[] = [];
const recordErrors = async (page: Page) => {
  // A refusal the page's code caught logs nothing by itself: log it.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP refused: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
};
const open = (url: string, viewport?: { width: number; height: number }) =>
  openEventPage(chromium.browser, url, viewport, recordErrors);

describe('the whole flow in a browser', () => {
  it('audience submits, moderator approves, stage shows and answers, audience follows', async () => {
    const home = await chromium.browser.newPage();
    await recordErrors(home);
    await home.goto(dais.url);
    await home.getByTestId('title-input').fill('儿童权利问答 Children’s rights Q&A');
    await home.getByTestId('create-event').click();
    const link = async (id: string) => (await home.getByTestId(id).getAttribute('href')) ?? '';
    const [audienceUrl, moderatorUrl, stageUrl] = [
      await link('audience-url'),
      await link('moderator-url'),
      await link('stage-url'),
    ];
    await screenshot(home, 'home-created');

    const audience = await open(audienceUrl, { width: 390, height: 844 });
    const moderator = await open(moderatorUrl, { width: 1280, height: 900 });
    const stage = await open(stageUrl, { width: 1920, height: 1080 });

    const text = '孩子们怎样才能被听见？ How can children be heard?';
    await audience.getByTestId('question-input').fill(text);
    await audience.getByTestId('name-input').fill('Li');
    await audience.getByTestId('submit-question').click();
    const mine = audience.getByTestId('my-question').filter({ hasText: text });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');

    const card = moderator.getByTestId('mod-question').filter({ hasText: text });
    await card.getByTestId('approve').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('approved');
    await audience.getByTestId('public-question').filter({ hasText: text }).waitFor();
    await screenshot(moderator, 'moderator-approved');

    await stage
      .getByTestId('stage-queue-item')
      .filter({ hasText: text })
      .getByTestId('show')
      .click();
    await stage.getByTestId('stage-question').filter({ hasText: text }).waitFor();
    await audience.getByTestId('now-answering').filter({ hasText: text }).waitFor();
    await expect.poll(() => card.getAttribute('data-status')).toBe('live');
    await expect.poll(() => mine.getAttribute('data-status')).toBe('live');
    await screenshot(stage, 'stage-live');
    await screenshot(audience, 'audience-now-answering');

    await stage.getByTestId('stage-answered').click();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('answered');
    await audience.getByTestId('now-answering').waitFor({ state: 'detached' });
    await expect.poll(() => card.getAttribute('data-status')).toBe('answered');
    // Under the strict CSP: no eval probe refused (zod runs jitless), nothing thrown.
    expect(errors).toEqual([]);
  });

  it('keeps a participant’s questions across a reload', async () => {
    const { audienceUrl } = await createEvent(dais.url, 'Reload');
    const audience = await open(audienceUrl, { width: 390, height: 844 });
    await audience.getByTestId('question-input').fill('Will I still see this?');
    await audience.getByTestId('submit-question').click();
    await audience
      .getByTestId('my-question')
      .filter({ hasText: 'Will I still see this?' })
      .waitFor();

    await audience.reload();
    await audience
      .getByTestId('my-question')
      .filter({ hasText: 'Will I still see this?' })
      .waitFor();
  });

  it('shows a clear error for a wrong moderator key', async () => {
    const { moderatorUrl } = await createEvent(dais.url, 'Keys');
    const page = await chromium.browser.newPage();
    await page.goto(moderatorUrl.replace(/#.*/, '#wrong-key'));
    await page.getByText(/key/i).first().waitFor();
    expect(await page.getByTestId('mod-question').count()).toBe(0);
  });
});
