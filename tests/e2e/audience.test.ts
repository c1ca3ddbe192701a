import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import { createEvent, disconnectAll, expectOk, join } from '../harness/clients';
import { startRedis, useDais } from '../harness/dais';
import { submitApproved } from '../harness/questions';

const dais = useDais();
const chromium = useBrowser();
afterEach(disconnectAll);

const PHONE = { width: 390, height: 844 };

/** An event with a moderator socket, and two phones in browser contexts of their own. */
async function eventWithPhones(title: string) {
  const event = await createEvent(dais.url, title);
  const moderator = (
    await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey })
  ).socket;
  const first = await openEventPage(chromium.browser, event.audienceUrl, PHONE);
  const second = await openEventPage(chromium.browser, event.audienceUrl, PHONE);
  return { event, moderator, first, second };
}

const publicCard = (page: Page, text: string) =>
  page.getByTestId('public-question').filter({ hasText: text });

/** The ids of the approved questions in the order the page lists them. */
const listed = (page: Page) =>
  page
    .locator('section[data-order] [data-testid="public-question"]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id')));

const votesOn = (page: Page, text: string) =>
  publicCard(page, text).getByTestId('vote-count').textContent();

async function ask(page: Page, text: string) {
  await page.getByTestId('question-input').fill(text);
  await page.getByTestId('submit-question').click();
}

const mine = (page: Page, text: string) =>
  page.getByTestId('my-question').filter({ hasText: text });

/** Distinct made-up words, so no two questions look alike to the duplicate finder. */
function distinctQuestion(n: number) {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 've', 'du', 'xi', 'ba'];
  const word = (seed: number) =>
    Array.from({ length: 3 }, (_, i) => syllables[(seed >> (i * 4)) % syllables.length]).join('');
  const words = Array.from({ length: 6 }, (_, i) => word(n * 7919 + i * 104729));
  return `Question ${n}: why ${words.join(' ')}?`;
}

describe('the audience page', () => {
  it('votes reach the other phone live, and Popular and Recent order differently', async () => {
    const { event, moderator, first, second } = await eventWithPhones('投票 · Votes');
    const asker = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const [older, newer, pinned] = await submitApproved(asker, moderator, [
      'How do mobile clinics reach remote villages?',
      '停课一年的孩子怎样才能赶上学业？',
      'Welcome! Ask about children’s rights in your town.',
    ]);
    await expectOk(moderator, 'question:pin', { questionId: pinned!.id, on: true });
    await publicCard(second, 'Welcome!').locator('.pin-mark').waitFor();

    // Nothing voted yet: the newer question is fresher, so it is more popular.
    await expect.poll(() => listed(first)).toEqual([pinned!.id, newer!.id, older!.id]);

    // The first phone votes for the older question: its own count comes from the ack,
    // the second phone's from votes:changed.
    const vote = publicCard(first, 'mobile clinics').getByTestId('vote');
    await vote.click();
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true');
    expect(await votesOn(first, 'mobile clinics')).toBe('1');
    await expect.poll(() => votesOn(second, 'mobile clinics')).toBe('1');
    expect(
      await publicCard(second, 'mobile clinics').getByTestId('vote').getAttribute('aria-pressed'),
    ).toBe('false');

    await publicCard(second, 'mobile clinics').getByTestId('vote').click();
    await expect.poll(() => votesOn(first, 'mobile clinics')).toBe('2');
    await expect.poll(() => votesOn(second, 'mobile clinics')).toBe('2');

    // Popular: pinned first, then the voted one; Recent: pinned first, then newest.
    await expect.poll(() => listed(first)).toEqual([pinned!.id, older!.id, newer!.id]);
    await screenshot(first, 'audience-popular');
    await first.getByTestId('sort-recent').click();
    await expect.poll(() => listed(first)).toEqual([pinned!.id, newer!.id, older!.id]);
    await screenshot(first, 'audience-recent');
    await first.getByTestId('sort-popular').click();
    await expect.poll(() => listed(first)).toEqual([pinned!.id, older!.id, newer!.id]);

    // Withdrawn: back to one vote everywhere; a reload still knows what this phone voted.
    await vote.click();
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => votesOn(second, 'mobile clinics')).toBe('1');
    await second.reload();
    const secondVote = publicCard(second, 'mobile clinics').getByTestId('vote');
    await expect.poll(() => secondVote.getAttribute('aria-pressed')).toBe('true');
    expect(await votesOn(second, 'mobile clinics')).toBe('1');
  });

  it('tells askers what became of their questions', async () => {
    const { event, moderator, first, second } = await eventWithPhones('Fates');
    const asker = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const [leader] = await submitApproved(asker, moderator, [
      'Does UNICEF help children in Yemen get clean water?',
    ]);

    await ask(first, 'What can a twelve-year-old do to help refugees?');
    await ask(first, 'Could the ambassador visit our school in Chengdu?');
    await ask(second, 'Why does the ambassador like football so much?');
    const waiting = mine(first, 'twelve-year-old');
    await expect
      .poll(() => waiting.getByTestId('question-fate').getAttribute('data-fate'))
      .toBe('pending');
    expect(await waiting.getByTestId('question-fate').textContent()).toBe(
      'A moderator will look at it soon.',
    );

    // The moderators' decisions, from a moderator socket.
    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const idOf = (text: string) => snapshot.questions.find((q) => q.text.includes(text))!.id;
    await expectOk(moderator, 'question:merge', {
      questionId: idOf('twelve-year-old'),
      intoId: leader!.id,
    });
    await expectOk(moderator, 'question:reject', {
      questionId: idOf('football'),
      reason: 'Please keep to children’s rights.',
    });
    const school = idOf('Chengdu');
    await expectOk(moderator, 'question:approve', { questionId: school });
    await expectOk(moderator, 'question:show', { questionId: school });
    await first.getByTestId('now-answering').filter({ hasText: 'Chengdu' }).waitFor();
    await expect
      .poll(() => mine(first, 'Chengdu').getByTestId('question-fate').textContent())
      .toBe('It is being answered on stage right now.');
    const { question: answered } = await expectOk(moderator, 'question:answer', {
      questionId: school,
    });

    // Merged: joined the earlier question, whose public text shows.
    const merged = mine(first, 'twelve-year-old');
    await expect.poll(() => merged.getAttribute('data-status')).toBe('merged');
    expect(await merged.getByTestId('joined-question').textContent()).toContain(
      'Does UNICEF help children in Yemen get clean water?',
    );
    // Answered, with the time it was answered.
    const time = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit' }).format(
      answered.statusAt,
    );
    await expect
      .poll(() => mine(first, 'Chengdu').getByTestId('question-fate').textContent())
      .toBe(`Answered at ${time}.`);
    await first.getByTestId('now-answering').waitFor({ state: 'detached' });
    // Declined, with the moderator's reason.
    await expect
      .poll(() => mine(second, 'football').getByTestId('question-fate').textContent())
      .toBe('The moderators declined it: Please keep to children’s rights.');
    await screenshot(first, 'audience-fates');
    await screenshot(second, 'audience-declined');
  });

  it('shows the intake state: closed, slow mode with a countdown, questions appearing at once', async () => {
    const { moderator, first, second } = await eventWithPhones('Intake');
    const submit = first.getByTestId('submit-question');

    // Closed: the form says so and does not send.
    await expectOk(moderator, 'event:configure', { open: false });
    await first.getByTestId('ask-closed').waitFor();
    expect(await first.getByTestId('ask-closed').textContent()).toBe(
      'Questions are closed right now.',
    );
    expect(await submit.isDisabled()).toBe(true);
    await screenshot(first, 'audience-closed');
    await expectOk(moderator, 'event:configure', { open: true });
    await first.getByTestId('ask-closed').waitFor({ state: 'detached' });
    expect(await submit.isDisabled()).toBe(false);

    // Slow mode: the second question within the interval is refused, and the button
    // counts down what the server said to wait.
    await expectOk(moderator, 'event:configure', { slowModeSeconds: 60 });
    await first.getByTestId('ask-slow-mode').waitFor();
    await ask(first, 'How are children heard in the UN?');
    await mine(first, 'children heard in the UN').waitFor();
    await ask(first, 'Who pays for the school meals?');
    await expect.poll(() => submit.getAttribute('data-wait')).toMatch(/^\d+$/);
    const wait = Number(await submit.getAttribute('data-wait'));
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await submit.isDisabled()).toBe(true);
    expect(await submit.textContent()).toMatch(/^Wait \d+ seconds$/);
    await expect.poll(() => submit.getAttribute('data-wait')).not.toBe(String(wait));
    expect(await mine(first, 'school meals').count()).toBe(0);
    await screenshot(first, 'audience-slow-mode');
    // Another phone is not slowed by the first one's question.
    await ask(second, 'Who pays for the school meals?');
    await mine(second, 'school meals').waitFor();
    await expectOk(moderator, 'event:configure', { slowModeSeconds: 0 });

    // Pre-moderation off: the form says questions appear at once, and they do.
    await expectOk(moderator, 'event:configure', { preModeration: false });
    await second.getByTestId('ask-instant').waitFor();
    await ask(second, 'Can we vote on the next topic?');
    await expect
      .poll(() => second.getByTestId('ask-feedback').textContent())
      .toBe('Thanks! Your question is up: everyone can see it now.');
    await publicCard(first, 'Can we vote on the next topic?').waitFor();
    await screenshot(second, 'audience-instant');

    // Ended: closed for good, and the form says that.
    await expectOk(moderator, 'event:configure', { ended: true });
    await expect
      .poll(() => second.getByTestId('ask-closed').textContent())
      .toBe('This event has ended: it no longer takes questions.');
    expect(await second.getByTestId('submit-question').isDisabled()).toBe(true);
    expect(await second.getByTestId('ask-instant').count()).toBe(0);
  });

  it('keeps only the cards near the screen in the page when there are hundreds', async () => {
    const { event, moderator, first } = await eventWithPhones('Many questions');
    // Pre-moderation off: clean questions are approved as they come.
    await expectOk(moderator, 'event:configure', { preModeration: false });
    const askers = await Promise.all(
      Array.from({ length: 20 }, () => join(dais.url, { code: event.code, role: 'audience' })),
    );
    // The oldest first, alone; then the rest from twenty phones at once.
    const oldest = distinctQuestion(0);
    const first0 = await expectOk(askers[0]!.socket, 'question:submit', { text: oldest });
    const statuses = await Promise.all(
      askers.map(async ({ socket }, a) => {
        const out: string[] = [];
        for (let i = a === 0 ? 1 : 0; i < 15; i++) {
          const ack = await expectOk(socket, 'question:submit', {
            text: distinctQuestion(a * 15 + i),
          });
          out.push(ack.question.status);
        }
        return out;
      }),
    );
    const approved = [first0.question.status, ...statuses.flat()].filter(
      (status) => status === 'approved',
    ).length;
    expect(first0.question.status).toBe('approved');
    expect(approved).toBeGreaterThan(250);

    const count = first.locator('section[data-order] .count');
    await expect.poll(() => count.textContent()).toBe(String(approved));
    const cards = first.getByTestId('public-question');
    const inPage = await cards.count();
    expect(inPage).toBeGreaterThan(3);
    expect(inPage).toBeLessThan(40);

    // Scrolled to the end: the last question of the list (Recent: the oldest) is there,
    // and still only a screenful of cards.
    await first.getByTestId('sort-recent').click();
    // Cards are measured as they appear, so the page's end moves while it scrolls:
    // scroll to the end until the oldest question is there. (A string: the tests
    // compile without the DOM's types.)
    const last = cards.filter({ hasText: oldest });
    await expect
      .poll(async () => {
        await first.evaluate('window.scrollTo(0, document.body.scrollHeight)');
        return last.count();
      })
      .toBe(1);
    expect((await listed(first)).at(-1)).toBe(first0.question.id);
    expect(await cards.count()).toBeLessThan(40);
    await screenshot(first, 'audience-many-bottom');
  });

  it('asks again by itself while the server cannot reach its store, then says why and keeps the words', async () => {
    const { event, first } = await eventWithPhones('Store away');
    const text = 'Who looks after the children when the floods come?';
    const submit = first.getByTestId('submit-question');
    const feedback = first.getByTestId('ask-feedback');
    // Redis stops: the page stays online (its server is up), every submit is UNAVAILABLE.
    const { dir, port } = dais.redis;
    await dais.redis.stop();
    try {
      await ask(first, text);
      await expect
        .poll(() => submit.getAttribute('data-retrying'), { timeout: 15_000 })
        .toBe('true');
      expect(await submit.textContent()).toBe('Not through yet, trying again…');
      await screenshot(first, 'audience-retrying');
      // A few attempts later (1, 2 and 4 s apart) it gives up, says why, keeps the words.
      await expect
        .poll(() => feedback.getAttribute('data-kind'), { timeout: 30_000 })
        .toBe('error');
      expect(await feedback.textContent()).toBe(
        'Could not reach the server, so nothing was changed. Check your connection and try again.',
      );
      expect(await first.getByTestId('question-input').inputValue()).toBe(text);
      expect(await submit.getAttribute('data-retrying')).toBeNull();
      expect(await mine(first, text).count()).toBe(0);

      // Sent again, and Redis comes back while the page retries: it goes through, once.
      await submit.click();
      await expect
        .poll(() => submit.getAttribute('data-retrying'), { timeout: 15_000 })
        .toBe('true');
    } finally {
      dais.redis = await startRedis(dir, port);
    }
    await mine(first, text).waitFor({ timeout: 30_000 });
    expect(await feedback.textContent()).toBe('Thanks! Your question was sent to the moderators.');
    expect(await first.getByTestId('question-input').inputValue()).toBe('');
    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(snapshot.questions.filter((q) => q.text === text)).toHaveLength(1);
  });
});
