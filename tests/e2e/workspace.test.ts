import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OwnQuestion, Question } from '@dais/shared';
import { screenshot, useBrowser } from '../harness/browser';
import { holdablePushes } from '../harness/held-pushes';
import {
  createEvent,
  expectOk,
  join,
  request,
  type Client,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();

const DESK = { width: 1600, height: 1000 };

/** A browser context whose moderator has a name (as the page's name field stores it). */
async function moderatorContext(browser: Browser, name: string) {
  const context = await browser.newContext({ viewport: DESK });
  await context.addInitScript({
    content: `localStorage.setItem('dais:name', ${JSON.stringify(name)});`,
  });
  return context;
}

const online = (page: Page, timeout?: number) =>
  page
    .getByTestId('connection-status')
    .and(page.locator('[data-state="online"]'))
    .waitFor({ timeout });

/** A moderator page of a named moderator, joined. */
async function openModerator(
  browser: Browser,
  event: CreatedEventWithKeys,
  name: string,
  joinTimeout?: number,
) {
  const page = await (await moderatorContext(browser, name)).newPage();
  await page.goto(event.moderatorUrl);
  await online(page, joinTimeout);
  return page;
}

/** Submits `texts` in order from `askers` audience sockets, round robin. */
async function seed(event: CreatedEventWithKeys, texts: string[], askers = 4) {
  const sockets: Client[] = [];
  for (let i = 0; i < Math.min(askers, texts.length); i++) {
    sockets.push((await join(dais.url, { code: event.code, role: 'audience' })).socket);
  }
  const asked: OwnQuestion[] = [];
  for (const [index, text] of texts.entries()) {
    const { question } = await expectOk(sockets[index % sockets.length]!, 'question:submit', {
      text,
    });
    asked.push(question);
    // Apart by a millisecond or more, so the board's oldest-first order is the order asked.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  for (const socket of sockets) socket.disconnect();
  return asked;
}

/** The event as a moderator socket sees it now (a fresh join: the server's state). */
async function serverView(event: CreatedEventWithKeys) {
  const { socket, snapshot } = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  socket.disconnect();
  const byId = new Map(snapshot.questions.map((q) => [q.id, q as Question]));
  return { byId, queue: snapshot.queue ?? [] };
}

const card = (page: Page, id: string) =>
  page.locator(`[data-testid="mod-question"][data-id="${id}"]`);
const selected = (page: Page) => page.locator('[data-testid="mod-question"][data-selected="true"]');
const selectedId = async (page: Page) => (await selected(page).getAttribute('data-id')) ?? '';
const queueCount = (page: Page, key: string) =>
  page.getByTestId(`queue-${key}`).getByTestId('queue-count').textContent();

const TOPICS = [
  'How is UNICEF helping children get back to school after the floods?',
  'What can young people do about climate change in their own towns?',
  '联合国儿童基金会如何帮助留守儿童？',
  'Why do girls in some regions still miss school?',
  '你最难忘的一次实地探访是什么？',
  'How can parents talk with children about online safety?',
  'What does a UNICEF ambassador do on a normal day?',
  '疫苗接种在偏远地区是怎样推进的？',
  'Which programme are you most proud of this year?',
  'How are children protected during armed conflict?',
  '怎样才能成为一名青年志愿者？',
  'What role do sports play in child development?',
  'How do you decide which countries to visit first?',
  '儿童营养不良的问题现在有改善吗？',
  'Can schools teach mental health as a subject?',
  'What is the biggest risk for newborns today?',
  '你认为社交媒体对青少年有什么影响？',
  'How can companies help end child labour?',
  'Where does most of the donated money go?',
  '城市里的孩子和农村的孩子机会平等吗？',
];

describe('the moderator workspace, keyboard first', () => {
  it('approves, rejects, undoes, queues, reorders (keys and drag), pins, edits, merges and bulk-approves', async () => {
    const event = await createEvent(dais.url, '大使问答 Ambassador Q&A');
    const asked = await seed(event, TOPICS);
    const [concern] = await seed(event, ['我不想活了，怎么办'], 1);
    const page = await openModerator(chromium.browser, event, 'Mei');
    await expect.poll(() => queueCount(page, 'incoming')).toBe('20');

    // The oldest incoming question is selected from the start; j/k walk the queue.
    await expect.poll(() => selectedId(page)).toBe(asked[0]!.id);
    await page.keyboard.press('j');
    await expect.poll(() => selectedId(page)).toBe(asked[1]!.id);
    await page.keyboard.press('k');
    await expect.poll(() => selectedId(page)).toBe(asked[0]!.id);

    // a: approved; the selection moves on to the card that took its place.
    await page.keyboard.press('a');
    await expect.poll(() => card(page, asked[0]!.id).getAttribute('data-status')).toBe('approved');
    await expect.poll(() => selectedId(page)).toBe(asked[1]!.id);

    // r: rejected; z undoes it (my own last action): pending again.
    await page.keyboard.press('r');
    await expect.poll(() => card(page, asked[1]!.id).getAttribute('data-status')).toBe('rejected');
    await page.keyboard.press('z');
    await expect.poll(() => card(page, asked[1]!.id).getAttribute('data-status')).toBe('pending');

    // The undone question is back above the selection.
    await expect.poll(() => selectedId(page)).toBe(asked[2]!.id);
    await page.keyboard.press('k');

    // u: approved and added to Up next; twice, then Shift+K moves the second above the first.
    await expect.poll(() => selectedId(page)).toBe(asked[1]!.id);
    await page.keyboard.press('u');
    await expect.poll(() => queueCount(page, 'upNext')).toBe('1');
    await expect.poll(() => selectedId(page)).toBe(asked[2]!.id);
    await page.keyboard.press('u');
    await expect.poll(() => queueCount(page, 'upNext')).toBe('2');
    await page.keyboard.press('4');
    await expect.poll(() => selectedId(page)).toBe(asked[1]!.id);
    await page.keyboard.press('j');
    await expect.poll(() => selectedId(page)).toBe(asked[2]!.id);
    await page.keyboard.press('Shift+K');
    await expect
      .poll(async () => (await serverView(event)).queue)
      .toEqual([asked[2]!.id, asked[1]!.id]);
    await expect.poll(() => selectedId(page)).toBe(asked[2]!.id);

    // Drag and drop by the handle: the second card back above the first.
    const handle = card(page, asked[1]!.id)
      .locator('xpath=ancestor::div[@data-index]')
      .getByTestId('drag-handle');
    const from = (await handle.boundingBox())!;
    const to = (await card(page, asked[2]!.id).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, to.y + 10, { steps: 12 });
    await page.mouse.up();
    await expect
      .poll(async () => (await serverView(event)).queue)
      .toEqual([asked[1]!.id, asked[2]!.id]);

    // 3: Approved; p pins, s stars.
    await page.keyboard.press('3');
    await expect.poll(() => selectedId(page)).toBe(asked[0]!.id);
    await page.keyboard.press('p');
    await card(page, asked[0]!.id).getByTestId('card-pinned').waitFor();
    await page.keyboard.press('s');
    await card(page, asked[0]!.id).getByTestId('card-starred').waitFor();

    // e: the public text in a dialog; Enter saves.
    await page.keyboard.press('e');
    const editor = page.getByTestId('edit-dialog');
    await editor
      .getByTestId('edit-text')
      .fill('How is UNICEF helping children back to school after floods?');
    await editor.getByTestId('edit-text').press('Enter');
    await editor.waitFor({ state: 'detached' });

    const afterEdit = await serverView(event);
    const first = afterEdit.byId.get(asked[0]!.id)!;
    expect(first).toMatchObject({ status: 'approved', pinned: true, starred: true });
    expect(first.publicText).toBe('How is UNICEF helping children back to school after floods?');
    expect(first.text).toBe(TOPICS[0]);
    expect(afterEdit.byId.get(asked[1]!.id)?.status).toBe('approved');
    expect(afterEdit.byId.get(asked[2]!.id)?.status).toBe('approved');

    // m + j/k + Enter: merge the selected incoming question into another one.
    await page.keyboard.press('1');
    await expect.poll(() => selectedId(page)).toBe(asked[3]!.id);
    await page.keyboard.press('m');
    await page.getByTestId('merge-banner').waitFor();
    await page.keyboard.press('j');
    await expect.poll(() => selectedId(page)).toBe(asked[4]!.id);
    await page.keyboard.press('Enter');
    await page.getByTestId('merge-banner').waitFor({ state: 'detached' });
    await expect.poll(() => card(page, asked[4]!.id).getAttribute('data-asked-by')).toBe('2');
    expect(await card(page, asked[3]!.id).count()).toBe(0);

    // x ticks two cards, Shift+A approves the selection.
    await expect.poll(() => selectedId(page)).toBe(asked[4]!.id);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByTestId('bulk-bar').waitFor();
    await screenshot(page, 'workspace-keyboard');
    await page.keyboard.press('Shift+A');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await expect.poll(() => card(page, asked[5]!.id).getAttribute('data-status')).toBe('approved');

    const end = await serverView(event);
    expect(end.byId.get(asked[3]!.id)).toMatchObject({ status: 'merged', clusterId: asked[4]!.id });
    expect(end.byId.get(asked[4]!.id)).toMatchObject({ status: 'approved', askedBy: 2 });
    expect(end.byId.get(asked[5]!.id)?.status).toBe('approved');
    expect(end.byId.get(asked[6]!.id)?.status).toBe('pending');

    // 2: Held, Safeguarding on top; a opens "approve with an edit" instead of approving.
    await page.keyboard.press('2');
    const held = page.getByTestId('queue-held');
    await held.getByTestId('group-safeguarding').waitFor();
    await expect.poll(() => selectedId(page)).toBe(concern!.id);
    expect(await card(page, concern!.id).getAttribute('data-reasons')).toContain('safeguarding');
    await page.keyboard.press('a');
    const approveEditor = page.getByTestId('edit-dialog');
    await approveEditor.getByTestId('edit-text').fill('孩子感到绝望时可以向谁求助？');
    await approveEditor.getByTestId('edit-text').press('Enter');
    await approveEditor.waitFor({ state: 'detached' });
    await expect.poll(() => card(page, concern!.id).getAttribute('data-status')).toBe('approved');
    expect((await serverView(event)).byId.get(concern!.id)).toMatchObject({
      status: 'approved',
      publicText: '孩子感到绝望时可以向谁求助？',
    });

    // / searches (Chinese too), Esc clears; ? opens the shortcut sheet, Esc closes it.
    await page.keyboard.press('/');
    await page.keyboard.type('留守');
    await expect.poll(() => page.getByTestId('mod-question').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => queueCount(page, 'incoming')).toBe('14');
    await page.getByTestId('board-search').blur();
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    expect(await sheet.getByTestId('shortcut').count()).toBeGreaterThanOrEqual(20);
    await screenshot(page, 'workspace-shortcuts');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });
});

describe('two moderators side by side', () => {
  it('see each other, each other’s decisions live, and a clear notice when both act at once', async () => {
    const event = await createEvent(dais.url, 'Two desks');
    const asked = await seed(event, TOPICS.slice(0, 6), 2);
    const ana = await openModerator(chromium.browser, event, 'Ana');
    const bo = await (await moderatorContext(chromium.browser, 'Bo')).newPage();
    const network = await holdablePushes(bo);
    await bo.goto(event.moderatorUrl);
    await online(bo);

    // Each sees the other in the presence bar, and where the other looks.
    await ana.getByTestId('presence-moderator').filter({ hasText: 'Bo' }).waitFor();
    await bo.getByTestId('presence-moderator').filter({ hasText: 'Ana' }).waitFor();
    await expect.poll(() => selectedId(ana)).toBe(asked[0]!.id);
    await ana.keyboard.press('j');
    await card(bo, asked[1]!.id).getByTestId('card-watcher').filter({ hasText: 'Ana' }).waitFor();
    expect(await card(bo, asked[0]!.id).getByTestId('card-watcher').count()).toBe(0);

    // Ana approves: it lands in Bo's Approved queue at once.
    await ana.keyboard.press('a');
    await bo
      .getByTestId('queue-approved')
      .locator(`[data-testid="mod-question"][data-id="${asked[1]!.id}"]`)
      .waitFor();

    // Both on the next question; Bo's network is slow: he still sees it pending when
    // Ana has rejected it, and approves. The server refuses; Bo is told what happened.
    await expect.poll(() => selectedId(ana)).toBe(asked[2]!.id);
    await card(bo, asked[2]!.id).locator('.card__text').click();
    await expect.poll(() => selectedId(bo)).toBe(asked[2]!.id);
    network.hold();
    await ana.keyboard.press('r');
    await expect.poll(() => card(ana, asked[2]!.id).getAttribute('data-status')).toBe('rejected');
    expect(await card(bo, asked[2]!.id).getAttribute('data-status')).toBe('pending');
    await bo.keyboard.press('a');
    await bo
      .locator('.notice--error')
      .filter({ hasText: 'Already rejected by another moderator.' })
      .waitFor();
    // The refusal brought the question as it is: Bo's board shows it rejected.
    await expect.poll(() => card(bo, asked[2]!.id).getAttribute('data-status')).toBe('rejected');
    await screenshot(bo, 'workspace-conflict');
    network.release();

    const state = await serverView(event);
    expect(state.byId.get(asked[1]!.id)?.status).toBe('approved');
    expect(state.byId.get(asked[2]!.id)?.status).toBe('rejected');
    for (const page of [ana, bo]) {
      await expect
        .poll(() => card(page, asked[2]!.id).getAttribute('data-status'))
        .toBe('rejected');
      await expect
        .poll(() => card(page, asked[1]!.id).getAttribute('data-status'))
        .toBe('approved');
    }
    await screenshot(ana, 'workspace-presence');
  });
});

/** Words for questions that are all different (dedup and spam checks never join them). */
const WORDS = (
  'school water vaccine girls teachers climate flood drought nutrition refugees camp ' +
  'books internet safety bullying sport music health clinic mothers babies village city ' +
  'funding volunteers youth voice rights protection disability language exams future ' +
  'jobs farming energy solar roads bridges transport hospital doctors nurses medicine ' +
  'malaria polio measles hygiene toilets soap hands data privacy phones games art ' +
  'theatre dance science maths history culture peace conflict border family'
).split(' ');

/** Distinct questions from a seeded generator: six random words and a serial number. */
function manyQuestions(count: number) {
  let seed = 20_000;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, n) => {
    const words = Array.from({ length: 6 }, () => WORDS[Math.floor(random() * WORDS.length)]);
    return `${words.join(' ')} ${n + 1}?`;
  });
}

/** Submits, asking again while the server says to retry (as a phone would). */
async function submitRetrying(socket: Client, text: string): Promise<OwnQuestion> {
  for (;;) {
    const result = await request(socket, 'question:submit', { text });
    if (result.ok) return result.data.question;
    if (result.error !== 'UNAVAILABLE')
      throw new Error(`submit: ${result.error} ${result.message}`);
  }
}

describe('a board of 10,000 questions', () => {
  it(
    'renders a bounded number of cards per queue and keeps keyboard selection in view',
    {
      timeout: 240_000,
    },
    async () => {
      const event = await createEvent(dais.url, 'Ten thousand');
      const texts = manyQuestions(10_000);
      const sockets = 200;
      // 200 askers at once, 50 questions each, in order per asker.
      const askers = await Promise.all(
        Array.from({ length: sockets }, () =>
          join(dais.url, { code: event.code, role: 'audience' }),
        ),
      );
      await Promise.all(
        askers.map(async ({ socket }, a) => {
          for (let i = a; i < texts.length; i += sockets) {
            expect((await submitRetrying(socket, texts[i]!)).status).toBe('pending');
          }
          socket.disconnect();
        }),
      );

      // The server's snapshot of 10,000 questions (4 MB) takes its time on a busy machine.
      const page = await openModerator(chromium.browser, event, 'Mei', 120_000);
      await expect.poll(() => queueCount(page, 'incoming')).toBe('10000');
      const incoming = page.getByTestId('queue-incoming');
      const cardsInPage = () => incoming.getByTestId('mod-question').count();
      expect(await cardsInPage()).toBeGreaterThan(0);
      expect(await cardsInPage()).toBeLessThan(30);

      // j walks down; the list scrolls to keep the selection in view, still virtualized.
      const scroller = incoming.getByTestId('queue-scroll');
      for (let i = 0; i < 40; i++) await page.keyboard.press('j');
      const row = selected(page).locator('xpath=ancestor::div[@data-index]');
      await expect.poll(() => row.getAttribute('data-index')).toBe('40');
      await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
      await expect.poll(() => selected(page).isVisible()).toBe(true);
      const box = (await selected(page).boundingBox())!;
      const view = (await scroller.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(view.y - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
      expect(await cardsInPage()).toBeLessThan(30);

      // A search through all of them, in the page.
      await page.getByTestId('board-search').fill(' 9999?');
      await expect.poll(() => queueCount(page, 'incoming')).toBe('1 / 10000');
      await screenshot(page, 'workspace-10k');
    },
  );
});
