import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import { createEvent } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();
const open = (url: string, viewport?: { width: number; height: number }) =>
  openEventPage(chromium.browser, url, viewport);

async function ask(page: Page, text: string) {
  await page.getByTestId('question-input').fill(text);
  await page.getByTestId('submit-question').click();
  await page
    .getByTestId('my-question')
    .filter({ hasText: text.slice(0, 12) })
    .waitFor();
}

describe('moderation in the browser', () => {
  it('holds with reasons, clusters duplicates and keeps personal data off public screens', async () => {
    const event = await createEvent(dais.url, '儿童权利问答');
    const moderator = await open(event.moderatorUrl);
    const phone = { width: 390, height: 844 };
    const [first, second] = [
      await open(event.audienceUrl, phone),
      await open(event.audienceUrl, phone),
    ];

    // Blocked terms, edited live by the moderator.
    await moderator.getByTestId('settings-toggle').click();
    await moderator.getByTestId('blocked-terms').fill('骗子');
    await moderator.getByTestId('save-blocked-terms').click();
    await expect.poll(() => moderator.getByTestId('blocked-terms').inputValue()).toBe('骗子');
    await ask(first, '这个活动是不是骗 子？');
    const blocked = moderator
      .getByTestId('mod-question')
      .filter({ hasText: '这个活动是不是骗 子' });
    await expect.poll(() => blocked.getAttribute('data-status')).toBe('held');
    expect(await blocked.getAttribute('data-reasons')).toContain('blocked-term');

    // The same question from two people: one card, asked by 2.
    await ask(first, 'How can children report online bullying?');
    await ask(second, 'how can children report online bullying');
    const cluster = moderator
      .getByTestId('mod-question')
      .filter({ hasText: 'How can children report online bullying?' });
    await expect.poll(() => cluster.getAttribute('data-asked-by')).toBe('2');
    await expect
      .poll(() => second.getByTestId('my-question').first().getAttribute('data-status'))
      .toBe('merged');

    // A phone number: the asker is warned before sending, it is held, and approving
    // shows the public only the redacted text.
    await first.getByTestId('question-input').fill('请打13812345678');
    await first.getByTestId('ask-hint').waitFor();
    await ask(first, '我的孩子走丢了，请打13812345678联系我');
    const personal = moderator.getByTestId('mod-question').filter({ hasText: '13812345678' });
    await expect.poll(() => personal.getAttribute('data-status')).toBe('held');
    expect(await personal.getAttribute('data-reasons')).toContain('personal-data');
    await screenshot(moderator, 'moderator-held-and-clusters');
    await personal.getByTestId('approve').click();
    const published = second.getByTestId('public-question').filter({ hasText: '我的孩子走丢了' });
    await published.waitFor();
    expect(await published.textContent()).not.toContain('13812345678');
    await screenshot(second, 'audience-redacted');
  });
});

describe('moderator actions in the browser', () => {
  it('merges two clusters, splits a question out, and approves a safeguarding question only edited', async () => {
    const event = await createEvent(dais.url, 'Actions');
    const moderator = await open(event.moderatorUrl);
    const phone = { width: 390, height: 844 };
    const [first, second] = [
      await open(event.audienceUrl, phone),
      await open(event.audienceUrl, phone),
    ];
    await ask(first, 'What is UNICEF doing in Yemen?');
    await ask(second, 'Does UNICEF help children in Yemen?');
    const card = (text: string) => moderator.getByTestId('mod-question').filter({ hasText: text });
    const target = card('What is UNICEF doing in Yemen?');
    await target.waitFor();

    await card('Does UNICEF help children in Yemen?').getByTestId('merge').click();
    await target.getByTestId('merge-here').click();
    await expect.poll(() => target.getAttribute('data-asked-by')).toBe('2');
    await expect
      .poll(() => second.getByTestId('my-question').first().getAttribute('data-status'))
      .toBe('merged');

    await target.getByTestId('cluster-toggle').click();
    await target.getByTestId('cluster-member').getByTestId('split').click();
    await expect.poll(() => target.getAttribute('data-asked-by')).toBe('1');
    await card('Does UNICEF help children in Yemen?').waitFor();

    await ask(first, '我不想活了，怎么办');
    const concern = card('我不想活了');
    await expect.poll(() => concern.getAttribute('data-reasons')).toContain('safeguarding');
    expect(await concern.getByTestId('approve').count()).toBe(0);
    await concern.getByTestId('edit-approve').click();
    await concern.getByTestId('edit-text').fill('孩子感到绝望时可以向谁求助？');
    await concern.getByTestId('edit-submit').click();
    await second
      .getByTestId('public-question')
      .filter({ hasText: '孩子感到绝望时可以向谁求助' })
      .waitFor();
    expect(await second.getByText('我不想活了').count()).toBe(0);
  });
});
