import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, silentLogger } from '@dais/server';
import type { Snapshot } from '@dais/shared';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { startRedis, startServer, type TestRedis, type TestServer } from '../harness/dais';
import { diedBeforePublishing } from '../harness/faults';
import { submitApproved } from '../harness/questions';

const chromium = useBrowser();
afterEach(disconnectAll);

/**
 * Two server processes on one Redis: the page's, which stops for a while (the page is
 * then offline), and the moderators', which keeps working meanwhile.
 */
let redis: TestRedis;
let moderatorServer: TestServer;
/** Its peer watch quick, for the page that resyncs after another process died. */
const PEERS = { beatMs: 100, staleMs: 500, audienceSpreadMs: 500 };
beforeAll(async () => {
  redis = await startRedis();
  moderatorServer = await startServer(redis.url, { config: { peers: PEERS } });
});
afterAll(async () => {
  await moderatorServer?.close();
  await redis?.stop();
  redis?.remove();
});

/** A real Dais server on a given port (the page reconnects to the same origin). */
async function serveOn(port: number) {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  // No flood guards, as in every test server that does not test them (harness/dais.ts).
  const app = await createApp({ redis: client, logger: silentLogger, config: { limits: false } });
  const url = await app.listen(port, '127.0.0.1');
  return {
    url,
    close: async () => {
      await app.close();
      client.disconnect();
    },
  };
}

/** An event whose audience page is served by a server that the test stops and starts. */
async function pageOfStoppableServer(title: string) {
  let pageServer = await serveOn(0);
  const port = Number(new URL(pageServer.url).port);
  const event = await createEvent(pageServer.url, title);
  const moderator = (
    await join(moderatorServer.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    })
  ).socket;
  const page = await openEventPage(chromium.browser, event.audienceUrl, {
    width: 390,
    height: 844,
  });
  return {
    event,
    moderator,
    page,
    stop: async () => {
      await pageServer.close();
      await connectionIs(page, 'offline');
    },
    /** Serves again; `watch`: a page to wait for until it is back online. */
    start: async (watch: Page | null = page) => {
      pageServer = await serveOn(port);
      if (watch) await connectionIs(watch, 'online');
    },
    close: () => pageServer.close(),
  };
}

const connectionIs = (page: Page, state: 'online' | 'offline') =>
  page
    .getByTestId('connection-status')
    .and(page.locator(`[data-state="${state}"]`))
    .waitFor();

/** A value of the page's localStorage (page.evaluate of a string: tests have no DOM types). */
const readStorage = (page: Page, key: string) =>
  page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(key)})`);

/** [id, status] of the cards with this test id, sorted. */
const cards = (page: Page, testId: string) =>
  page
    .locator(`[data-testid="${testId}"]`)
    .evaluateAll((found) =>
      found.map((card) => [card.getAttribute('data-id'), card.getAttribute('data-status')]).sort(),
    );

/** What a fresh join as this page's participant sees, in the page's terms. */
async function freshJoin(page: Page, event: CreatedEventWithKeys) {
  const token = await readStorage(page, `dais:token:${event.code}`);
  const { snapshot }: { snapshot: Snapshot } = await join(moderatorServer.url, {
    code: event.code,
    role: 'audience',
    token: token ?? undefined,
  });
  const pairs = (questions: { id: string; status: string }[]) =>
    questions.map((q) => [q.id, q.status]).sort();
  return {
    // The page lists approved and answered questions (the live one is shown apart).
    public: pairs(
      snapshot.questions.filter((q) => q.status === 'approved' || q.status === 'answered'),
    ),
    mine: pairs(snapshot.mine ?? []),
  };
}

describe('an audience page that loses its server', () => {
  it('keeps a question typed offline and delivers it once on reconnect', async () => {
    const { event, moderator, page, stop, start, close } = await pageOfStoppableServer('Offline');
    try {
      await stop();
      const text = 'Typed in the tunnel: will the talk be recorded?';
      await page.getByTestId('question-input').fill(text);
      await page.getByTestId('submit-question').click();
      await page.getByTestId('outbox-item').filter({ hasText: text }).waitFor();
      expect(await page.getByTestId('question-input').inputValue()).toBe('');
      await screenshot(page, 'offline-outbox');
      // Kept on the device: it survives until the server has it.
      const stored = await readStorage(page, `dais:outbox:${event.code}`);
      expect(stored).toContain(text);

      await start();
      await page.getByTestId('my-question').filter({ hasText: text }).waitFor();
      await page.getByTestId('outbox').waitFor({ state: 'detached' });
      expect(await readStorage(page, `dais:outbox:${event.code}`)).toBeNull();

      const { snapshot } = await join(moderatorServer.url, {
        code: event.code,
        role: 'moderator',
        key: event.moderatorKey,
      });
      expect(snapshot.questions.filter((q) => q.text === text)).toHaveLength(1);
      expect(moderator.connected).toBe(true);
    } finally {
      await close();
    }
  });

  it('keeps a question sent offline across closing the page, and sends it from the next one', async () => {
    const { event, page, stop, start, close } = await pageOfStoppableServer('Reload');
    try {
      await stop();
      const text = 'Sent with no signal: are the slides shared afterwards?';
      await page.getByTestId('question-input').fill(text);
      await page.getByTestId('submit-question').click();
      await page.getByTestId('outbox-item').filter({ hasText: text }).waitFor();
      const context = page.context();
      await page.close();

      await start(null);
      const next = await context.newPage();
      await next.goto(event.audienceUrl);
      await next.getByTestId('my-question').filter({ hasText: text }).waitFor();
      expect(await readStorage(next, `dais:outbox:${event.code}`)).toBeNull();
      const { snapshot } = await join(moderatorServer.url, {
        code: event.code,
        role: 'moderator',
        key: event.moderatorKey,
      });
      expect(snapshot.questions.filter((q) => q.text === text)).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('ends equal to a fresh join after moderators acted while it was offline', async () => {
    const { event, moderator, page, stop, start, close } = await pageOfStoppableServer('Resync');
    try {
      const other = (await join(moderatorServer.url, { code: event.code, role: 'audience' }))
        .socket;
      const [keep, reject, answer] = await submitApproved(other, moderator, [
        'How are speakers chosen for these events?',
        'Can we get the slides afterwards, please?',
        'What time does the second session start?',
      ]);
      const pending = await expectOk(other, 'question:submit', {
        text: 'Is there parking near the venue?',
      });
      // The page's own questions: one approved, one still pending.
      const ask = async (text: string) => {
        await page.getByTestId('question-input').fill(text);
        await page.getByTestId('submit-question').click();
        await page.getByTestId('my-question').filter({ hasText: text }).waitFor();
      };
      await ask('Will there be a recording for those who missed it?');
      await ask('Which languages will the interpreters cover?');
      const before = await freshJoin(page, event);
      await expect.poll(() => cards(page, 'my-question')).toEqual(before.mine);
      const mine = before.mine.map(([id]) => id!);
      await expectOk(moderator, 'question:approve', { questionId: mine[0] });
      await expect.poll(() => cards(page, 'public-question')).toContainEqual([mine[0], 'approved']);

      await stop();
      // Meanwhile, on the other server: a public question leaves the public view,
      // one is answered, others approved or rejected (the page's own among them).
      await expectOk(moderator, 'question:reject', { questionId: reject!.id });
      await expectOk(moderator, 'question:show', { questionId: answer!.id });
      await expectOk(moderator, 'question:answer', { questionId: answer!.id });
      await expectOk(moderator, 'question:approve', { questionId: pending.question.id });
      await expectOk(moderator, 'question:reject', { questionId: mine[0], reason: 'Asked before' });
      await expectOk(moderator, 'question:approve', { questionId: mine[1] });
      await expectOk(moderator, 'question:star', { questionId: keep!.id, on: true });

      await start();
      const after = await freshJoin(page, event);
      expect(after.public).not.toEqual(before.public);
      await expect.poll(() => cards(page, 'public-question')).toEqual(after.public);
      await expect.poll(() => cards(page, 'my-question')).toEqual(after.mine);
      expect(await cards(page, 'public-question')).not.toContainEqual([reject!.id, 'approved']);
      await screenshot(page, 'offline-resync');
    } finally {
      await close();
    }
  });
});

describe('pages whose server outlives another process', () => {
  it('join again and show what the dead process stored but never published', async () => {
    const event = await createEvent(moderatorServer.url, 'A process dies');
    const asker = (await join(moderatorServer.url, { code: event.code, role: 'audience' })).socket;
    const asked = await expectOk(asker, 'question:submit', {
      text: 'How do you choose which children to visit?',
    });
    const id = asked.question.id;
    const [audience, moderator] = await Promise.all([
      openEventPage(chromium.browser, event.audienceUrl, { width: 390, height: 844 }),
      openEventPage(chromium.browser, event.moderatorUrl, { width: 1280, height: 900 }),
    ]);
    const card = (text: string) => moderator.getByTestId('mod-question').filter({ hasText: text });
    await expect.poll(() => card('children to visit').getAttribute('data-status')).toBe('pending');

    // Another process beat once, approved the question and took a new one, and was
    // killed before publishing either (its footprint in Redis: tests/integration/faults-peers).
    await diedBeforePublishing(redis.url, event.code, {
      approveId: id,
      ask: 'Will you come back next year?',
      staleMs: 1_000,
    });

    // No reload: once the server finds the process dead (its deadline passed, 1 s), it
    // asks both pages to join again, and they show Redis' state.
    const resynced = { timeout: 15_000 };
    await expect
      .poll(() => card('children to visit').getAttribute('data-status'), resynced)
      .toBe('approved');
    await card('come back next year').waitFor(resynced);
    await expect
      .poll(() => cards(audience, 'public-question'), resynced)
      .toEqual([[id, 'approved']]);
    await expect.poll(() => connectionStates(audience, moderator)).toEqual(['online', 'online']);
    await Promise.all([audience.context().close(), moderator.context().close()]);
  });
});

const connectionStates = (...pages: Page[]) =>
  Promise.all(
    pages.map((page) => page.getByTestId('connection-status').getAttribute('data-state')),
  );
