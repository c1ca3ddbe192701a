import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from '../harness/browser';
import { createEvent } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();
const phone = { width: 390, height: 844 };
const desk = { width: 1280, height: 900 };

/** A page in a context of its own whose browser language is `locale` (e.g. zh-CN). */
async function openIn(locale: string, url: string, viewport = desk): Promise<Page> {
  const context = await chromium.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Waits until an event page has joined its event. */
const joined = (page: Page) =>
  page.getByTestId('connection-status').and(page.locator('[data-state="online"]')).waitFor();

const text = (locator: Locator) => locator.first().textContent();
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

/** The language choice this page's browser context has stored, if any. */
async function storedLang(page: Page) {
  const { origins } = await page.context().storageState();
  const entries = origins.flatMap((origin) => origin.localStorage);
  return entries.find((entry) => entry.name === 'dais:lang')?.value ?? null;
}

async function ask(page: Page, question: string) {
  await page.getByTestId('question-input').fill(question);
  await page.getByTestId('submit-question').click();
}

describe('the interface language', () => {
  it('is Chinese in a Chinese browser, switches to English, and keeps that choice across a reload', async () => {
    const event = await createEvent(dais.url, '儿童权利问答');

    // The audience, in Chinese from the browser's language.
    const audience = await openIn('zh-CN', event.audienceUrl, phone);
    await joined(audience);
    expect(await htmlLang(audience)).toBe('zh-CN');
    expect(await audience.getByTestId('language-switch').inputValue()).toBe('zh');
    expect(await storedLang(audience)).toBeNull(); // the browser's language is not a choice
    expect(await text(audience.locator('label[for="question-input"]'))).toBe('提问');
    expect(await text(audience.getByTestId('submit-question'))).toBe('发送');
    expect(await text(audience.getByTestId('connection-status'))).toBe('已连接');
    expect(await audience.getByTestId('question-input').getAttribute('placeholder')).toBe(
      '输入你的问题…',
    );
    expect(await audience.getByTestId('name-input').getAttribute('aria-label')).toBe(
      '你的名字（选填）',
    );
    expect(await text(audience.locator('.empty'))).toBe('还没有问题，来提第一个吧！');

    await ask(audience, '我们的意见会被认真对待吗？');
    const mine = audience.getByTestId('my-question').filter({ hasText: '我们的意见' });
    await mine.waitFor();
    expect(await text(mine.locator('.badge'))).toBe('待审核');
    expect(await text(audience.getByTestId('ask-feedback'))).toBe('谢谢！你的问题已提交给审核员。');

    // A refusal from the server is worded from its error code, not its English message.
    await ask(audience, '😀😀😀');
    const feedback = audience
      .getByTestId('ask-feedback')
      .and(audience.locator('[data-kind="error"]'));
    await feedback.waitFor();
    expect(await text(feedback)).toBe('你的问题未被接受：没有文字。');
    await screenshot(audience, 'i18n-audience-zh');

    // The moderator, in Chinese too.
    const moderator = await openIn('zh-CN', event.moderatorUrl);
    await joined(moderator);
    expect(await htmlLang(moderator)).toBe('zh-CN');
    expect(await text(moderator.getByTestId('settings-toggle'))).toBe('设置');
    await moderator.getByTestId('queue-incoming').getByText('新提问').waitFor();
    await moderator.getByTestId('queue-held').getByText('已拦截').waitFor();
    const card = moderator.getByTestId('mod-question').filter({ hasText: '我们的意见' });
    expect(await text(card.getByTestId('approve'))).toBe('通过');
    expect(await text(card.getByTestId('edit-approve'))).toBe('修改后通过');
    expect(await text(card.getByTestId('reject'))).toBe('拒绝');
    expect(await card.getByTestId('reject-reason').getAttribute('placeholder')).toBe(
      '理由（选填）',
    );
    expect(await card.getByTestId('merge').getAttribute('title')).toBe(
      '把它合并到意思相同的问题中',
    );
    await moderator.getByTestId('settings-toggle').click();
    const policy = moderator.getByTestId('policy-profanity');
    expect(await policy.locator('option').allTextContents()).toEqual(['暂扣待审', '拒绝']);
    expect(await text(moderator.getByTestId('save-blocked-terms'))).toBe('保存屏蔽词');
    await screenshot(moderator, 'i18n-moderator-zh');

    // Notices are translated too: saving blocked terms confirms it in Chinese.
    await moderator.getByTestId('blocked-terms').fill('骗子\n广告');
    await moderator.getByTestId('save-blocked-terms').click();
    await moderator.locator('.notice', { hasText: '已保存 2 个屏蔽词。' }).waitFor();

    // Switching to English changes the words at once, and is remembered.
    await moderator.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => text(card.getByTestId('approve'))).toBe('Approve');
    expect(await text(card.getByTestId('edit-approve'))).toBe('Edit & approve');
    expect(await text(moderator.getByTestId('settings-toggle'))).toBe('Settings');
    expect(await policy.locator('option').allTextContents()).toEqual(['Hold for review', 'Reject']);
    await moderator.getByTestId('queue-incoming').getByText('Incoming').waitFor();
    expect(await htmlLang(moderator)).toBe('en');
    expect(await storedLang(moderator)).toBe('en');

    await audience.getByTestId('language-switch').selectOption('en');
    await expect
      .poll(() => text(audience.locator('label[for="question-input"]')))
      .toBe('Ask a question');
    expect(await text(mine.locator('.badge'))).toBe('Waiting for review');
    // The feedback already shown is worded again in the new language.
    expect(await text(feedback)).toBe('Your question was not accepted: it has no words.');
    await screenshot(audience, 'i18n-audience-en');

    // The stored choice wins over the Chinese browser after a reload.
    for (const page of [moderator, audience]) {
      await page.reload();
      await joined(page);
      expect(await page.getByTestId('language-switch').inputValue()).toBe('en');
      expect(await htmlLang(page)).toBe('en');
    }
    expect(await text(card.getByTestId('approve'))).toBe('Approve');
    expect(await text(audience.getByTestId('submit-question'))).toBe('Send');
    expect(await text(audience.getByTestId('connection-status'))).toBe('Live');

    // And back to Chinese.
    await audience.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => text(audience.getByTestId('submit-question'))).toBe('发送');
    expect(await storedLang(audience)).toBe('zh');
  });

  it('is English in an English browser, on every page, and can be switched there too', async () => {
    const home = await openIn('en-US', dais.url);
    expect(await htmlLang(home)).toBe('en');
    expect(await home.getByTestId('language-switch').inputValue()).toBe('en');
    expect(await text(home.getByTestId('create-event'))).toBe('Create event');
    expect(await text(home.getByTestId('join-event'))).toBe('Join');
    await home.getByTestId('title-input').fill('Town hall');
    await home.getByTestId('create-event').click();
    const audienceUrl = (await home.getByTestId('audience-url').getAttribute('href')) ?? '';
    const stageUrl = (await home.getByTestId('stage-url').getAttribute('href')) ?? '';
    expect(await text(home.locator('.warning strong'))).toBe('Keep the next two links secret.');
    await home.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => text(home.locator('.warning strong'))).toBe('请保密以下两个链接。');
    expect(await text(home.getByTestId('create-event'))).toBe('创建活动');

    const audience = await openIn('en-US', audienceUrl, phone);
    await joined(audience);
    expect(await htmlLang(audience)).toBe('en');
    expect(await audience.getByTestId('language-switch').inputValue()).toBe('en');
    expect(await text(audience.locator('label[for="question-input"]'))).toBe('Ask a question');
    expect(await text(audience.getByTestId('submit-question'))).toBe('Send');
    expect(await text(audience.getByTestId('connection-status'))).toBe('Live');
    await audience.getByTestId('submit-question').click();
    expect(await text(audience.getByTestId('ask-feedback'))).toBe('Type your question first.');

    // The stage has the switch too, out of the way; switched, it speaks Chinese.
    const stage = await openIn('en-US', stageUrl, { width: 1920, height: 1080 });
    await joined(stage);
    expect(await text(stage.getByTestId('stage-next'))).toBe('Next');
    expect(await text(stage.locator('.stage-empty'))).toBe('No question on stage');
    const stageSwitch = stage.getByTestId('language-switch');
    expect(await stageSwitch.isVisible()).toBe(true);
    await stageSwitch.selectOption('zh');
    await expect.poll(() => text(stage.getByTestId('stage-next'))).toBe('下一个');
    expect(await text(stage.getByTestId('stage-answered'))).toBe('已回答');
    expect(await text(stage.locator('.stage-empty'))).toBe('台上暂无问题');
    await screenshot(stage, 'i18n-stage-zh');
  });

  it('words error views in the browser’s language', async () => {
    const { moderatorUrl } = await createEvent(dais.url, 'Keys');
    const page = await openIn('zh-CN', moderatorUrl.replace(/#.*/, '#wrong-key'));
    await page.getByRole('heading', { name: '此链接无效' }).waitFor();
    expect(await text(page.getByRole('link'))).toBe('返回首页');
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(await page.getByTestId('mod-question').count()).toBe(0);
  });
});
