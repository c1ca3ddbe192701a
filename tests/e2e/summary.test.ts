import { QUESTION_STATUSES, type Question } from '@dais/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import { createEvent, expectOk, join, type Client } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();

/** What the check reads of a `<canvas>` (the tests compile without the DOM library). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}

/** Pixels of the chart's bar colour (uPlot draws on a canvas): more than axes and labels. */
const barPixels = (page: Page) =>
  page
    .getByTestId('summary-chart')
    .locator('canvas')
    .first()
    .evaluate((element: unknown) => {
      const canvas = element as Canvas;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 0 && b > 180 && r < 160 && g < 160) count += 1;
      }
      return count;
    });

const countOf = (page: Page, testId: string) =>
  page.getByTestId(testId).getAttribute('data-count').then(Number);

/** Submits, approves, shows and answers, in that order. */
async function answer(asker: Client, mod: Client, text: string): Promise<Question> {
  const { question } = await expectOk(asker, 'question:submit', { text });
  await expectOk(mod, 'question:approve', { questionId: question.id });
  await expectOk(mod, 'question:show', { questionId: question.id });
  return (await expectOk(mod, 'question:answer', { questionId: question.id })).question as Question;
}

describe('the summary page', () => {
  it('charts questions per minute and counts states, reasons, top clusters and answers', async () => {
    const event = await createEvent(dais.url, 'Summary of the hour');
    const { socket: mod } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const audience = await Promise.all(
      [1, 2, 3, 4, 5].map(
        async () => (await join(dais.url, { code: event.code, role: 'audience' })).socket,
      ),
    );
    const [a, b, c, d, e] = audience as [Client, Client, Client, Client, Client];

    // A cluster asked by three, approved and upvoted twice.
    const lead = 'How can children report online bullying?';
    const { question: leader } = await expectOk(a, 'question:submit', { text: lead });
    for (const [asker, text] of [
      [b, 'how can children report online bullying'],
      [c, 'How can children report online bullying ?'],
    ] as const) {
      const { question } = await expectOk(asker, 'question:submit', { text });
      expect(question.status).toBe('merged');
    }
    await expectOk(mod, 'question:approve', { questionId: leader.id });
    for (const voter of [d, e])
      await expectOk(voter, 'question:vote', { questionId: leader.id, up: true });
    // Two answered, in this order.
    const first = await answer(d, mod, 'What is UNICEF doing about clean water in Yemen?');
    const second = await answer(e, mod, '孩子们怎样才能被听见？');
    // Held by the filter, with reasons; one rejected; one still waiting.
    expect(
      (await expectOk(b, 'question:submit', { text: '请打13812345678联系我' })).question.status,
    ).toBe('held');
    expect(
      (await expectOk(c, 'question:submit', { text: 'Will Mr Wang visit us?' })).question.status,
    ).toBe('held');
    const { question: offTopic } = await expectOk(d, 'question:submit', {
      text: 'Where is the coffee?',
    });
    await expectOk(mod, 'question:reject', { questionId: offTopic.id });
    await expectOk(e, 'question:submit', {
      text: 'Which countries will the ambassador visit next?',
    });

    // What the server holds, to compare the page with.
    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const byStatus = Object.fromEntries(
      QUESTION_STATUSES.map((status) => [
        status,
        snapshot.questions.filter((q) => q.status === status).length,
      ]),
    );
    expect(byStatus).toEqual({
      pending: 1,
      held: 2,
      approved: 1,
      live: 0,
      answered: 2,
      rejected: 1,
      merged: 2,
    });

    // The moderator opens it from the header: a new tab, the key still in the fragment.
    const moderator = await openEventPage(chromium.browser, event.moderatorUrl);
    const [summary] = await Promise.all([
      moderator.waitForEvent('popup'),
      moderator.getByTestId('summary-link').click(),
    ]);
    expect(new URL(summary.url()).pathname).toBe(`/e/${event.code}/summary`);
    await summary.getByTestId('summary-chart').waitFor();

    const chart = summary.getByTestId('summary-chart');
    expect(Number(await chart.getAttribute('data-total'))).toBe(snapshot.questions.length);
    expect(Number(await chart.getAttribute('data-minutes'))).toBeGreaterThanOrEqual(1);
    await expect.poll(() => barPixels(summary)).toBeGreaterThan(50);

    for (const status of QUESTION_STATUSES) {
      expect(await countOf(summary, `summary-status-${status}`), status).toBe(byStatus[status]);
    }
    expect(await countOf(summary, 'summary-total')).toBe(snapshot.questions.length);
    expect(await countOf(summary, 'summary-reason-personal-data')).toBe(1);
    expect(await countOf(summary, 'summary-reason-profanity')).toBe(1);

    const top = summary.getByTestId('summary-top-cluster').first();
    expect(await top.getAttribute('data-id')).toBe(leader.id);
    expect(await top.getAttribute('data-asked-by')).toBe('3');
    expect(await top.getAttribute('data-votes')).toBe('2');
    expect(await top.textContent()).toContain(lead);

    const answered = summary.getByTestId('summary-answered');
    expect(
      await answered.evaluateAll((items) => items.map((item) => item.getAttribute('data-id'))),
    ).toEqual([first.id, second.id]);
    expect(await answered.nth(1).textContent()).toContain('孩子们怎样才能被听见');
    await screenshot(summary, 'summary-en');

    // Refresh reads the event again.
    await expectOk(mod, 'question:approve', { questionId: offTopic.id });
    await summary.getByTestId('summary-refresh').click();
    await expect.poll(() => countOf(summary, 'summary-status-rejected')).toBe(0);
    expect(await countOf(summary, 'summary-status-approved')).toBe(2);

    await summary.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => summary.getByTestId('summary-heading').textContent()).toBe('活动总结');
    expect(await summary.getByTestId('summary-status-answered').textContent()).toContain('已回答');
    await screenshot(summary, 'summary-zh');
  });
});
