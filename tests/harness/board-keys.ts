import type { Browser, Page } from 'playwright-core';

/**
 * Waits until `expression` is truthy in the page, polling with page.evaluate. Not
 * page.waitForFunction: it evaluates a string predicate with eval, which the app's
 * Content Security Policy (no 'unsafe-eval') rightly refuses.
 */
export async function waitUntil(
  page: Page,
  expression: string,
  { timeout = 30_000, intervalMs = 20 }: { timeout?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * A moderator at the board, by keyboard only: what the keys do is in
 * client/src/components/board/shortcuts.ts. These helpers read the page (the selected
 * card, the cards a queue shows) and press keys; they never click.
 * Page scripts are strings: the tests compile without the DOM's types.
 */

export type QueueKey = 'incoming' | 'held' | 'approved' | 'upNext' | 'answered' | 'rejected';
export const QUEUE_NUMBER: Record<QueueKey, string> = {
  incoming: '1',
  held: '2',
  approved: '3',
  upNext: '4',
  answered: '5',
  rejected: '6',
};

/** A card as the board shows it. */
export interface BoardCard {
  id: string;
  status: string;
  reasons: string[];
  text: string;
  starred: boolean;
  /** Its row in the queue's list (group titles count as rows). */
  row: number;
}

/**
 * A moderator's board in a browser context of its own: a name, a fixed moderator id (as
 * the page would have stored it) and the browser's language. `prepare` runs before the
 * page loads (to install recorders).
 */
export async function openModeratorBoard(
  browser: Browser,
  url: string,
  who: { id: string; name: string; locale?: string },
  prepare: (page: Page) => Promise<void> = async () => {},
  viewport = { width: 1600, height: 1000 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: who.locale ?? 'en-US' });
  await context.addInitScript({
    content: `localStorage.setItem('dais:name', ${JSON.stringify(who.name)});
      localStorage.setItem('dais:moderator-id', ${JSON.stringify(who.id)});`,
  });
  const page = await context.newPage();
  await prepare(page);
  await page.goto(url);
  await page
    .getByTestId('connection-status')
    .and(page.locator('[data-state="online"]'))
    .waitFor({ timeout: 60_000 });
  return page;
}

const CARD_FIELDS = `(card) => card && {
  id: card.getAttribute('data-id'),
  status: card.getAttribute('data-status'),
  reasons: (card.getAttribute('data-reasons') || '').split(',').filter(Boolean),
  text: card.querySelector('.card__text')?.textContent ?? '',
  starred: Boolean(card.querySelector('[data-testid="card-starred"]')),
  row: Number(card.closest('[data-index]')?.getAttribute('data-index') ?? -1),
}`;

/** The active queue and its selected card (null when the queue is empty). */
export async function selection(page: Page): Promise<{ queue: QueueKey; card: BoardCard | null }> {
  return page.evaluate(`(() => {
    const column = document.querySelector('[data-testid^="queue-"][data-active="true"]');
    const card = column?.querySelector('[data-testid="mod-question"][data-selected="true"]');
    return {
      queue: column?.getAttribute('data-testid')?.slice('queue-'.length),
      card: (${CARD_FIELDS})(card) || null,
    };
  })()`);
}

/** The cards a queue has in the page now (a virtualized list: those near its view). */
export async function cardsShown(page: Page, queue: QueueKey): Promise<BoardCard[]> {
  return page.evaluate(`[...document.querySelectorAll(
    '[data-testid="queue-${queue}"] [data-testid="mod-question"]')].map(${CARD_FIELDS})`);
}

/** The number a queue's title shows ("12", or "3 / 12" while filtering). */
export const queueCount = async (page: Page, queue: QueueKey) =>
  (await page.getByTestId(`queue-${queue}`).getByTestId('queue-count').textContent()) ?? '';

/**
 * Switches the keyboard to a queue (its number key) and waits until it is active. As a
 * moderator would, it presses again when a press went unheard (the board busy
 * rendering on a loaded machine); 30 s in all.
 */
export async function goToQueue(page: Page, queue: QueueKey) {
  const active = `document.querySelector('[data-testid="queue-${queue}"]')?.getAttribute('data-active') === 'true'`;
  for (let press = 1; ; press++) {
    await page.keyboard.press(QUEUE_NUMBER[queue]);
    try {
      return await waitUntil(page, active, { timeout: 3000 });
    } catch (error) {
      if (press === 10) throw error;
    }
  }
}

/**
 * Waits until the selection is no longer on `id`: the question left the queue (the
 * card now at its place is selected) or the queue emptied. False after `timeout`.
 */
export async function selectionLeft(page: Page, id: string, timeout = 10_000) {
  try {
    await waitUntil(
      page,
      `document.querySelector('[data-testid="mod-question"][data-selected="true"]')
        ?.getAttribute('data-id') !== ${JSON.stringify(id)}`,
      { timeout },
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves the selection with j/k to the card `id` in the active queue. The card must be
 * in the page (near the view); `down` is where to look when it is not. False when the
 * selection stops moving without reaching it.
 */
export async function selectCard(page: Page, id: string, down = true): Promise<boolean> {
  for (let tries = 0; tries < 60; tries++) {
    const { card } = await selection(page);
    if (!card) return false;
    if (card.id === id) return true;
    const target = await page.evaluate(
      `Number(document.querySelector('[data-testid^="queue-"][data-active="true"] [data-testid="mod-question"][data-id=${JSON.stringify(
        id,
      )}]')?.closest('[data-index]')?.getAttribute('data-index') ?? NaN)`,
    );
    const steps = Number.isNaN(target) ? 3 : Math.abs(Number(target) - card.row);
    const key = Number.isNaN(target) ? (down ? 'j' : 'k') : Number(target) > card.row ? 'j' : 'k';
    for (let i = 0; i < Math.max(1, steps); i++) await page.keyboard.press(key);
    const moved = await selectionLeft(page, card.id, 2000);
    if (!moved) return false;
  }
  return false;
}

/**
 * "/" and a search typed into the board's field; Enter hands the keys back to the board.
 * Nothing to do when the field already holds `text`.
 */
export async function search(page: Page, text: string) {
  const current = await page.evaluate(`document.getElementById('board-search')?.value`);
  if (current === text) return;
  await page.keyboard.press('/');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitUntil(page, `document.activeElement?.getAttribute('data-testid') !== 'board-search'`);
}

/** "/" then Esc (clears the search), Esc again (back to the board). */
export async function clearSearch(page: Page) {
  if ((await page.evaluate(`document.getElementById('board-search')?.value`)) === '') return;
  await page.keyboard.press('/');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await waitUntil(
    page,
    `document.querySelector('[data-testid="board-search"]')?.value === '' &&
      document.activeElement?.getAttribute('data-testid') !== 'board-search'`,
  );
}
