import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { submitApproved } from '../harness/questions';

const dais = useDais();
const chromium = useBrowser();
afterEach(disconnectAll);

const HALL = { width: 1920, height: 1080 };

const TEXTS = [
  'How do mobile clinics reach remote villages?',
  '停课一年的孩子怎样才能赶上学业？',
  'Who decides which district gets help first?',
  'Can volunteers join the vaccination teams?',
  'What can a twelve-year-old do to help refugees?',
];

/** The statuses of these questions as a moderator reads them now (a fresh join). */
async function statusesOf(event: CreatedEventWithKeys, ids: readonly string[]) {
  const { socket, snapshot } = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  socket.disconnect();
  const byId = new Map(snapshot.questions.map((q) => [q.id, q.status]));
  return ids.map((id) => byId.get(id));
}

const liveText = (stage: Page, text: string) =>
  stage.getByTestId('stage-question').filter({ hasText: text }).waitFor();

describe('the stage in a browser', () => {
  it('is driven by the keys of a clicker: next, skip and answered, a held key counting once', async () => {
    const event = await createEvent(dais.url, '儿童权利问答 · Stage');
    const moderator = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const asker = await join(dais.url, { code: event.code, role: 'audience' });
    const ids = (await submitApproved(asker.socket, moderator.socket, TEXTS)).map((q) => q.id);
    const [q1, q2, q3, q4, q5] = ids as [string, string, string, string, string];
    // "Up next": the second, then the first; the rest wait in Approved.
    await expectOk(moderator.socket, 'queue:move', { questionId: q2, beforeId: null });
    await expectOk(moderator.socket, 'queue:move', { questionId: q1, beforeId: null });

    const stage = await openEventPage(chromium.browser, event.stageUrl, HALL);
    const preview = stage.getByTestId('stage-queue-item');
    await expect.poll(() => preview.first().getAttribute('data-id')).toBe(q2);
    expect(await preview.nth(1).getAttribute('data-id')).toBe(q1);

    // Nothing live: the join panel shows a QR code and the code, in large type.
    const panel = stage.getByTestId('stage-join-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('stage-qr').locator('svg, canvas').count()).toBe(1);
    expect(await panel.getByTestId('stage-code').textContent()).toBe(event.code);
    expect(await stage.locator('.stage-empty').textContent()).toBe('No question on stage');
    expect(await panel.getByTestId('stage-join-url').textContent()).toBe(
      event.audienceUrl.replace(/^https?:\/\//, ''),
    );
    await screenshot(stage, 'stage-join-panel');

    // PageDown: the head of "Up next" goes live, with a timer that ticks.
    await stage.keyboard.press('PageDown');
    await liveText(stage, TEXTS[1]!);
    const timer = stage.getByTestId('stage-timer');
    expect(await timer.textContent()).toMatch(/^0:0\d$/);
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe('0:00');
    expect(await panel.count()).toBe(0);
    expect(await statusesOf(event, [q1, q2])).toEqual(['approved', 'live']);
    await screenshot(stage, 'stage-live-dark');

    // Space: the live one is answered and the next of "Up next" is live, in one step.
    await stage.keyboard.press(' ');
    await liveText(stage, TEXTS[0]!);
    expect(await statusesOf(event, [q1, q2])).toEqual(['live', 'answered']);

    // PageUp: skipped, back to approved unanswered; "Up next" is empty, so the most
    // popular approved question comes next. q3 gets a vote to make that one certain.
    const voter = await join(dais.url, { code: event.code, role: 'audience' });
    await expectOk(voter.socket, 'question:vote', { questionId: q3, up: true });
    await stage.keyboard.press('PageUp');
    await liveText(stage, TEXTS[2]!);
    expect(await statusesOf(event, [q1, q2, q3])).toEqual(['approved', 'answered', 'live']);

    // A held key repeats: only its first press counts. Once ArrowRight took q3 to
    // answered, two repeats follow; then "a" answers what is live. Had a repeat moved
    // the stage on, "a" would have answered another question than the one shown.
    await stage.keyboard.down('ArrowRight');
    const afterHeld = stage.getByTestId('stage-question');
    await expect.poll(() => afterHeld.getAttribute('data-id')).not.toBe(q3);
    const shownAfterHeld = await afterHeld.getAttribute('data-id');
    await stage.keyboard.down('ArrowRight');
    await stage.keyboard.down('ArrowRight');
    await stage.keyboard.up('ArrowRight');
    await stage.keyboard.press('a');
    await stage.getByTestId('stage-question').waitFor({ state: 'detached' });
    expect(await statusesOf(event, [q3, shownAfterHeld!])).toEqual(['answered', 'answered']);
    const others = [q1, q4, q5].filter((id) => id !== shownAfterHeld);
    expect(await statusesOf(event, others)).toEqual(['approved', 'approved']);
    // Nothing live again: the join panel is back.
    await panel.waitFor();
  });

  it('shows public text only, toggles the join panel, fullscreen, theme and the key help', async () => {
    const event = await createEvent(dais.url, 'Stage screen');
    const moderator = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const asker = await join(dais.url, { code: event.code, role: 'audience' });
    // Held for personal data; approved, the public sees it redacted.
    const { question } = await expectOk(asker.socket, 'question:submit', {
      text: '我的孩子走丢了，请打13812345678联系我，大家能帮忙吗？',
      name: '王芳',
    });
    expect(question.status).toBe('held');
    await expectOk(moderator.socket, 'question:approve', { questionId: question.id });

    const stage = await openEventPage(chromium.browser, event.stageUrl, HALL);
    await stage.getByTestId('stage-queue-item').filter({ hasText: '我的孩子走丢了' }).waitFor();
    // The stage's own "next": its ack carries the full question; only the public text shows.
    await stage.getByTestId('stage-next').click();
    const shown = stage.getByTestId('stage-question').filter({ hasText: '我的孩子走丢了' });
    await shown.waitFor();
    expect(await stage.locator('body').textContent()).not.toContain('13812345678');
    expect(await stage.locator('.stage-author').textContent()).toBe('王芳');

    // "j" shows how to join over the live question, and hides it again.
    const panel = stage.getByTestId('stage-join-panel');
    expect(await panel.count()).toBe(0);
    await stage.keyboard.press('j');
    await panel.waitFor();
    await screenshot(stage, 'stage-join-overlay');
    await stage.keyboard.press('j');
    await panel.waitFor({ state: 'detached' });

    // "?" lists the keys, in the interface language; Escape closes it.
    await stage.keyboard.press('?');
    const help = stage.getByTestId('stage-help');
    await help.waitFor();
    const helpText = await help.textContent();
    for (const words of ['Page Down', 'Page Up', 'Space', 'Enter', 'Answered: show the next']) {
      expect(helpText).toContain(words);
    }
    await screenshot(stage, 'stage-help');
    await stage.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // "t": the light theme for bright rooms, and back.
    const page = stage.locator('.page--stage');
    expect(await page.getAttribute('data-theme')).toBe('dark');
    await stage.keyboard.press('t');
    await expect.poll(() => page.getAttribute('data-theme')).toBe('light');
    const background = await page.evaluate(
      (el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor,
    );
    expect(background).toBe('rgb(255, 255, 255)');
    await screenshot(stage, 'stage-live-light');
    // A button reached with Tab keeps its own Enter: this one turns the theme back,
    // and the question stays live (Enter elsewhere means "answered").
    await stage.getByTestId('stage-theme').focus();
    await stage.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('data-theme')).toBe('dark');

    // "f": fullscreen (the Fullscreen API), and out again.
    // A string: the tests compile without the DOM's types.
    const fullscreenElement = () => stage.evaluate('document.fullscreenElement?.tagName');
    await stage.keyboard.press('f');
    await expect.poll(() => page.getAttribute('data-fullscreen')).toBe('true');
    expect(await fullscreenElement()).toBe('HTML');
    await stage.keyboard.press('f');
    await expect.poll(() => page.getAttribute('data-fullscreen')).toBe('false');
    expect(await fullscreenElement()).toBeUndefined();

    // The Enter on the theme button did not answer (checked last: any command it had
    // sent would long have been acked by now, with the stage's page shown as answered).
    expect(await shown.count()).toBe(1);
    expect(await statusesOf(event, [question.id])).toEqual(['live']);

    // Nothing but show, answer, next and skip is offered on the stage.
    for (const id of ['approve', 'reject', 'merge', 'edit-approve']) {
      expect(await stage.getByTestId(id).count()).toBe(0);
    }
  });

  it('counts the time on stage from zero on a screen whose clock is an hour behind', async () => {
    const event = await createEvent(dais.url, 'Skewed clock');
    const moderator = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const asker = await join(dais.url, { code: event.code, role: 'audience' });
    await submitApproved(asker.socket, moderator.socket, TEXTS.slice(0, 1));
    const stage = await openEventPage(chromium.browser, event.stageUrl, HALL, (page) =>
      page.clock.install({ time: Date.now() - 60 * 60_000 }),
    );
    await stage.keyboard.press('PageDown');
    await liveText(stage, TEXTS[0]!);
    // Counted on the screen's own clock, the question went on stage an hour from now
    // and the timer would stay at 0:00; with the server's offset it counts up.
    const timer = stage.getByTestId('stage-timer');
    expect(await timer.textContent()).toMatch(/^0:0\d$/);
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).toMatch(/^0:0[1-9]$/);
  });
});
