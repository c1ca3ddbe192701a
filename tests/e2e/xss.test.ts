import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Question } from '@dais/shared';
import { openEventPage, screenshot, useBrowser } from '../harness/browser';
import { createEvent, expectOk, join, next } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();

/**
 * Markup and script that would run if any page put text into the DOM as HTML, or fed
 * it to a template or translation engine. Each payload that could run sets
 * `window.__xss` and opens a dialog; each question also has words of its own, so no
 * two are near-duplicates.
 */
const QUESTIONS = [
  `<script>window.__xss='script';alert('script')</script> Why do the school buses stop at five?`,
  `<img src=x onerror="window.__xss='img';alert('img')"> Can the library open on Sundays?`,
  `<a href="javascript:window.__xss='link';alert('link')">javascript:alert(1)</a> who funds the clinic?`,
  `<svg onload="window.__xss='svg';alert('svg')"><script>alert(2)</script></svg> how clean is the river water?`,
  `{{constructor.constructor('alert(1)')()}} \${alert(1)} $t(common.anonymous) {{name}} will prices of bread rise?`,
  `"><iframe src="javascript:alert('frame')"></iframe><style>*{display:none}</style> when is the vaccine bus due?`,
  `Is this\u202E ?thgir\u200B\u2066 zero\u200Dwidth text about the new playground?`,
];
/** Display names of at most 40 characters: cleaned of invisible and bidi characters only. */
const NAMES = [
  `<img src=x onerror=alert('name')>`,
  `<script>alert('name')</script>`,
  `{{name}} $t(common.anonymous)`,
  `Li\u202Eoiram\u200B`,
];
/** The names as every page shows them: a bidi override can no longer turn "Li…oiram" round. */
const SHOWN_NAMES = [...NAMES.slice(0, 3), 'Lioiram'];
const TITLE = `<img src=x onerror="window.__xss='title';alert('title')"> {{title}} $t(common.anonymous)`;
const MODERATOR_NAME = `<svg onload=alert('moderator')>`;
const BLOCKED_TERMS = [`<b onmouseover=alert('term')>bold</b>`, 'javascript:void(0)'];
const REASON = `<img src=x onerror="window.__xss='reason';alert('reason')"> {{reason}} $t(audience.fate.approved)`;
const EDIT = `Edited <svg onload="window.__xss='edit';alert('edit')"></svg> <script>alert('edit')</script> how do we recycle?`;
const OWN_QUESTION = `<img src=x onerror="window.__xss='own';alert('own')"> what happens to my question?`;

/** Opens a page that records every dialog it tries to open. */
async function watchedPage(url: string, viewport?: { width: number; height: number }) {
  const dialogs: string[] = [];
  const page = await openEventPage(chromium.browser, url, viewport, async (p) => {
    p.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  return { page, dialogs };
}

/**
 * Everything an injection would leave in the DOM: a script flag, inline event
 * handlers, javascript: URLs, frames, images from the payloads, inline scripts or
 * styles that are not the app's own.
 */
function injected(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DomDocument }).document;
    const found: string[] = [];
    for (const element of Array.from(doc.querySelectorAll('*'))) {
      for (const { name, value } of Array.from(element.attributes)) {
        if (/^on/i.test(name)) found.push(`${element.tagName} ${name}`);
        if (/^\s*javascript:/i.test(value)) found.push(`${element.tagName} ${name}=${value}`);
      }
    }
    for (const element of Array.from(doc.querySelectorAll('iframe, object, embed, img[src="x"]')))
      found.push(element.tagName);
    for (const element of Array.from(doc.querySelectorAll('script, style')))
      if (/alert|__xss|display:none/.test(element.textContent ?? '')) found.push(element.tagName);
    return {
      found,
      flag: (globalThis as unknown as { __xss?: string }).__xss ?? null,
    };
  });
}

/** What the checks read of the DOM (the tests compile without the DOM library). */
interface DomDocument {
  querySelectorAll(selector: string): ArrayLike<{
    tagName: string;
    textContent: string | null;
    attributes: ArrayLike<{ name: string; value: string }>;
  }>;
  body: { textContent: string | null };
}

const bodyText = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { document: DomDocument }).document.body.textContent ?? '',
  );

/** The page ran nothing and shows each of `texts` as plain text. */
async function expectInert(
  { page, dialogs }: Awaited<ReturnType<typeof watchedPage>>,
  texts: string[],
) {
  // Everything the page should show has arrived before the checks look.
  const missing = async () => {
    const body = await bodyText(page);
    return texts.filter((text) => !body.includes(text));
  };
  await expect.poll(missing).toEqual([]);
  expect(await injected(page)).toEqual({ found: [], flag: null });
  expect(dialogs).toEqual([]);
}

describe('untrusted text in every page', () => {
  it('renders questions, names, titles, edits, terms and reasons as inert text', async () => {
    const event = await createEvent(dais.url, TITLE);
    const { socket: moderator } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: MODERATOR_NAME,
    });
    await expectOk(moderator, 'event:configure', { blockedTerms: BLOCKED_TERMS });

    // Each question from its own participant, named with a payload.
    const asked: Question[] = [];
    for (const [i, text] of QUESTIONS.entries()) {
      const { socket } = await join(dais.url, { code: event.code, role: 'audience' });
      const { question } = await expectOk(socket, 'question:submit', {
        text,
        name: NAMES[i % NAMES.length],
      });
      expect(question.status).toBe('pending');
      asked.push(question as Question);
    }
    const decide = (name: 'question:approve' | 'question:show' | 'question:answer', id: string) =>
      expectOk(moderator, name, { questionId: id });
    for (const question of asked) await decide('question:approve', question.id);
    const [live, answered, edited, upNext] = asked as [Question, Question, Question, Question];
    await decide('question:show', answered.id);
    await decide('question:answer', answered.id);
    await decide('question:show', live.id);
    await expectOk(moderator, 'question:edit', { questionId: edited.id, text: EDIT });
    await expectOk(moderator, 'queue:move', { questionId: upNext.id, beforeId: null });

    // A participant in the browser asks through the page; the moderator declines with a reason.
    const audience = await watchedPage(event.audienceUrl, { width: 390, height: 844 });
    const arrives = next(moderator, 'question:changed', (c) => c.change === 'submitted');
    await audience.page.getByTestId('name-input').fill(NAMES[0]!);
    await audience.page.getByTestId('question-input').fill(OWN_QUESTION);
    await audience.page.getByTestId('submit-question').click();
    const own = (await arrives).question;
    await expectOk(moderator, 'question:reject', { questionId: own.id, reason: REASON });

    // The filter's hygiene takes bidi overrides and zero-width characters out of questions.
    const shown = (question: Question) => question.publicText;
    const tricky = asked.at(-1)!;
    expect(shown(tricky)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
    const unedited = asked.filter((q) => q !== edited).map(shown);

    await expectInert(audience, [TITLE, ...unedited, EDIT, ...SHOWN_NAMES, OWN_QUESTION, REASON]);
    await screenshot(audience.page, 'xss-audience');

    const board = await watchedPage(event.moderatorUrl);
    await expectInert(board, [
      TITLE,
      ...asked.map((q) => q.text),
      ...SHOWN_NAMES,
      EDIT,
      OWN_QUESTION,
    ]);
    await board.page.getByTestId('settings-toggle').click();
    await expect
      .poll(() => board.page.getByTestId('blocked-terms').inputValue())
      .toBe(BLOCKED_TERMS.join('\n'));
    await board.page.getByTestId('audit-toggle').click();
    await board.page.getByTestId('audit-entry').first().waitFor();
    await expectInert(board, [MODERATOR_NAME, EDIT, REASON]);
    await screenshot(board.page, 'xss-moderator');

    const stage = await watchedPage(event.stageUrl);
    await expectInert(stage, [TITLE, shown(live), SHOWN_NAMES[0]!, shown(upNext)]);
    await screenshot(stage.page, 'xss-stage');

    const summary = await watchedPage(`${dais.url}/e/${event.code}/summary#${event.moderatorKey}`);
    await expectInert(summary, [TITLE, shown(answered)]);
    await screenshot(summary.page, 'xss-summary');
  });
});
