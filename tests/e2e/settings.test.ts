import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from '../harness/browser';
import { createEvent, expectOk, join, request, type Client } from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
const chromium = useBrowser();

/** A moderator page, its moderator named `name` (the name the browser keeps for this site). */
async function openModerator(url: string, name: string): Promise<Page> {
  const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(`localStorage.setItem('dais:name', ${JSON.stringify(name)})`);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('connection-status').and(page.locator('[data-state="online"]')).waitFor();
  await page.getByTestId('settings-toggle').click();
  return page;
}

const audienceOf = async (code: string) =>
  (await join(dais.url, { code, role: 'audience' })).socket;
const ask = (socket: Client, text: string) => request(socket, 'question:submit', { text });
const card = (page: Page, text: string) =>
  page.getByTestId('mod-question').filter({ hasText: text });

/** Clicks a switch the server owns: it flips only once the server took the change. */
async function flip(page: Page, testId: string, to: boolean) {
  const box = page.getByTestId(testId);
  expect(await box.isChecked()).toBe(!to);
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(to);
}

describe('intake controls in the moderator UI', () => {
  it('closing questions refuses submissions until they are opened again', async () => {
    const event = await createEvent(dais.url, 'Closing');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const audience = await audienceOf(event.code);

    await flip(moderator, 'questions-open', false);
    await moderator.getByTestId('intake-state').getByText('Questions closed').waitFor();
    expect(await ask(audience, 'Can I still ask?')).toMatchObject({
      ok: false,
      error: 'QUESTIONS_CLOSED',
    });
    const { socket: observer, snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(snapshot.event.open).toBe(false);
    expect(snapshot.questions).toEqual([]);
    observer.disconnect();
    await screenshot(moderator, 'settings-questions-closed');

    await flip(moderator, 'questions-open', true);
    expect(await ask(audience, 'Can I ask now?')).toMatchObject({ ok: true });
  });

  it('slow mode set in the UI is enforced per participant, and 0 turns it off', async () => {
    const event = await createEvent(dais.url, 'Slow');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const [first, second] = [await audienceOf(event.code), await audienceOf(event.code)];

    await moderator.getByTestId('slow-mode').fill('30');
    await moderator.getByTestId('save-slow-mode').click();
    await moderator.getByTestId('intake-state').getByText('Slow mode 30 s').waitFor();

    expect(await ask(first, 'What does UNICEF do in Chad?')).toMatchObject({ ok: true });
    const refused = await ask(first, 'And what about Niger?');
    expect(refused).toMatchObject({ ok: false, error: 'SLOW_MODE' });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
    // Another participant is not held up by the first one's question.
    expect(await ask(second, 'How are schools rebuilt after floods?')).toMatchObject({ ok: true });

    await moderator.getByTestId('slow-mode').fill('0');
    await moderator.getByTestId('save-slow-mode').click();
    // Back to the defaults: nothing departs from them next to the panel's title.
    await expect.poll(() => moderator.getByTestId('intake-state').count()).toBe(0);
    expect(await ask(first, 'And what about Niger?')).toMatchObject({ ok: true });
  });

  it('with pre-moderation off, a clean question is approved at once; personal data still waits', async () => {
    const event = await createEvent(dais.url, 'Open floor');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const [asker, watcher] = [await audienceOf(event.code), await audienceOf(event.code)];

    await flip(moderator, 'pre-moderation', false);
    await moderator.getByTestId('intake-state').getByText('Pre-moderation off').waitFor();

    const clean = 'How can young people join the climate talks?';
    const published = new Promise<string>((resolve) =>
      watcher.on('question:changed', ({ question }) => {
        if (question.text === clean) resolve(question.status);
      }),
    );
    const { question } = await expectOk(asker, 'question:submit', { text: clean });
    expect(question.status).toBe('approved');
    expect(await published).toBe('approved');
    await expect.poll(() => card(moderator, clean).getAttribute('data-status')).toBe('approved');

    const personal = await expectOk(asker, 'question:submit', {
      text: 'My number is 13812345678, please call me',
    });
    expect(personal.question.status).toBe('held');
    await expect
      .poll(() => card(moderator, '13812345678').getAttribute('data-status'))
      .toBe('held');
    await screenshot(moderator, 'settings-pre-moderation-off');
  });

  it('an allowed word lets "Mr Wang" through the profanity list', async () => {
    const event = await createEvent(dais.url, 'Allowed words');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const [first, second] = [await audienceOf(event.code), await audienceOf(event.code)];

    const before = await expectOk(first, 'question:submit', { text: 'Will Mr Wang visit us?' });
    expect(before.question.status).toBe('held');
    await expect
      .poll(() => card(moderator, 'Will Mr Wang visit us?').getAttribute('data-reasons'))
      .toContain('profanity');

    await moderator.getByTestId('allowed-terms').fill('Wang');
    await moderator.getByTestId('save-allowed-terms').click();
    await moderator.getByText('1 allowed word saved.').waitFor();

    const after = await expectOk(second, 'question:submit', {
      text: 'Is Mr Wang coming to Beijing next year?',
    });
    expect(after.question.status).toBe('pending');
    const passed = card(moderator, 'Is Mr Wang coming to Beijing');
    await expect.poll(() => passed.getAttribute('data-status')).toBe('pending');
    expect(await passed.getAttribute('data-reasons')).toBeNull();
    // The list survives a reload: it is the server's.
    await moderator.reload();
    await moderator.getByTestId('settings-toggle').click();
    expect(await moderator.getByTestId('allowed-terms').inputValue()).toBe('Wang');
  });

  it('ending the event asks first, then closes questions for good', async () => {
    const event = await createEvent(dais.url, 'The end');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const audience = await audienceOf(event.code);

    const waiting = card(moderator, 'Still waiting?');
    await expectOk(audience, 'question:submit', { text: 'Still waiting?' });
    await expect.poll(() => waiting.getAttribute('data-selected')).toBe('true');

    // Cancelled: nothing happens, and the board's keys do not act behind the dialog.
    await moderator.getByTestId('end-event').click();
    await moderator.getByTestId('end-event-dialog').waitFor();
    await moderator.keyboard.press('a');
    await moderator.keyboard.press('Escape');
    await moderator.getByTestId('end-event-dialog').waitFor({ state: 'hidden' });

    await moderator.getByTestId('end-event').click();
    await screenshot(moderator, 'settings-end-event-confirm');
    await moderator.getByTestId('end-event-confirm').click();
    await moderator.getByTestId('event-ended').waitFor();
    expect(await moderator.getByTestId('questions-open').isDisabled()).toBe(true);
    expect(await moderator.getByTestId('questions-open').isChecked()).toBe(false);
    expect(await ask(audience, 'Too late?')).toMatchObject({
      ok: false,
      error: 'QUESTIONS_CLOSED',
    });
    // The page's socket sent End after anything the "a" could have sent: still pending.
    expect(await waiting.getAttribute('data-status')).toBe('pending');
    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(snapshot.questions.map((q) => q.status)).toEqual(['pending']);
  });
});

describe('personal data', () => {
  it('"Purge personal data now" asks first, then replaces the raw text with the redacted one', async () => {
    const event = await createEvent(dais.url, 'Purge');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const audience = await audienceOf(event.code);
    await expectOk(audience, 'question:submit', { text: 'Call my mum on 13812345678 please' });
    const held = moderator.getByTestId('mod-question').filter({ hasText: 'Call my mum' });
    expect(await held.textContent()).toContain('13812345678');

    await moderator.getByTestId('purge-now').click();
    await moderator.getByTestId('purge-now-confirm').click();
    await moderator.getByText('Personal data purged from 1 question.').waitFor();
    await expect.poll(() => held.textContent()).not.toContain('13812345678');
    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(JSON.stringify(snapshot.questions)).not.toContain('13812345678');
  });
});

/** Downloads with the export menu as set, and returns the file's name and text; the menu closes. */
async function exportFile(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  await page.getByTestId('export-download').waitFor({ state: 'hidden' });
  return { name: download.suggestedFilename(), text: await readText(download) };
}
const readText = async (download: Download) => readFile(await download.path(), 'utf8');

describe('exports from the moderator header', () => {
  it('downloads CSV redacted by default and raw when asked, and answered-only JSON', async () => {
    const event = await createEvent(dais.url, 'Export me');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const { socket: mod } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const audience = await audienceOf(event.code);
    const answered = 'What helps children, "really", in camps?';
    const { question: a } = await expectOk(audience, 'question:submit', { text: answered });
    await expectOk(mod, 'question:approve', { questionId: a.id });
    await expectOk(mod, 'question:show', { questionId: a.id });
    await expectOk(mod, 'question:answer', { questionId: a.id });
    const phone = '请打13812345678联系我，孩子走丢了';
    await expectOk(audience, 'question:submit', { text: phone });
    await card(moderator, '13812345678').waitFor();

    await moderator.getByTestId('export-menu').click();
    const redacted = await exportFile(moderator);
    expect(redacted.name).toBe(`dais-${event.code}-all.csv`);
    expect(redacted.text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel reads the Chinese
    const rows = parse(redacted.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => row.status).sort()).toEqual(['answered', 'held']);
    expect(rows.find((row) => row.status === 'answered')?.text).toBe(answered);
    const held = rows.find((row) => row.status === 'held')!;
    expect(held.text).not.toContain('13812345678');
    expect(held.text).toContain('孩子走丢了');
    expect(held.reasons).toContain('personal-data');

    await moderator.getByTestId('export-menu').click();
    await moderator.getByTestId('export-personal').check();
    const raw = await exportFile(moderator);
    const rawRows = parse(raw.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rawRows.find((row) => row.status === 'held')?.text).toBe(phone);

    await moderator.getByTestId('export-menu').click();
    await moderator.getByTestId('export-personal').uncheck();
    await moderator.getByTestId('export-scope-answered').check();
    await moderator.getByTestId('export-format-json').check();
    await screenshot(moderator, 'export-menu');
    const json = await exportFile(moderator);
    expect(json.name).toBe(`dais-${event.code}-answered.json`);
    const items = JSON.parse(json.text) as { id: string; status: string; text: string }[];
    expect(items).toEqual([
      expect.objectContaining({ id: a.id, status: 'answered', text: answered }),
    ]);
  });
});

describe('the audit panel', () => {
  it('shows who did what, edits with before and after, and follows new actions while open', async () => {
    const event = await createEvent(dais.url, 'Audit');
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    const { socket: ann } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: 'Ann',
      clientId: 'ann_client_1',
    });
    const audience = await audienceOf(event.code);
    const kept = 'How do vaccines reach remote villages?';
    const dropped = 'Is this the right room for the session?';
    const { question: keptQ } = await expectOk(audience, 'question:submit', { text: kept });
    await expectOk(audience, 'question:submit', { text: dropped });

    await card(moderator, kept).getByTestId('approve').click();
    await expect.poll(() => card(moderator, kept).getAttribute('data-status')).toBe('approved');
    await card(moderator, dropped).getByTestId('reject').click();
    await expect.poll(() => card(moderator, dropped).getAttribute('data-status')).toBe('rejected');
    const edited = 'How do vaccines reach remote mountain villages?';
    await expectOk(ann, 'question:edit', { questionId: keptQ.id, text: edited });
    await moderator.getByTestId('slow-mode').fill('15');
    await moderator.getByTestId('save-slow-mode').click();
    await moderator.getByTestId('intake-state').getByText('Slow mode 15 s').waitFor();

    await moderator.getByTestId('audit-toggle').click();
    const panel = moderator.getByTestId('audit-panel');
    const entry = (type: string) =>
      panel.locator(`[data-testid="audit-entry"][data-type="${type}"]`);
    await entry('event.configured').waitFor();

    const approve = entry('question.approve');
    expect(await approve.getByTestId('audit-actor').textContent()).toBe('Mei');
    expect(await approve.textContent()).toContain(edited); // the question, as the public sees it now
    expect(await approve.getByTestId('audit-move').textContent()).toBe('Incoming → Approved');
    expect(await entry('question.reject').getByTestId('audit-actor').textContent()).toBe('Mei');
    const edit = entry('question.edit');
    expect(await edit.getByTestId('audit-actor').textContent()).toBe('Ann');
    const change = await edit.getByTestId('audit-edit').textContent();
    expect(change).toContain('the asker’s own words'); // the log never copies the asker's text
    expect(change).toContain(edited);
    expect(await entry('event.configured').textContent()).toContain('slow mode 15 s');
    expect(await entry('question.submitted').count()).toBe(2);
    // Newest first.
    const types = await panel
      .getByTestId('audit-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(types.slice(0, 4)).toEqual([
      'event.configured',
      'question.edit',
      'question.reject',
      'question.approve',
    ]);

    // While open, the panel follows what others do.
    await expectOk(ann, 'question:pin', { questionId: keptQ.id, on: true });
    await entry('question.pin').waitFor();
    expect(await entry('question.pin').getByTestId('audit-actor').textContent()).toBe('Ann');
    await screenshot(moderator, 'audit-panel');
  });

  it('pages back through a long log with "load older"', async () => {
    const event = await createEvent(dais.url, 'Long log');
    // One participant per question: asking a near-duplicate of your own question is refused.
    for (let i = 0; i < 120; i += 1) {
      const asker = await audienceOf(event.code);
      await expectOk(asker, 'question:submit', {
        text: `Question number ${i}, about region ${i}?`,
      });
      asker.disconnect();
    }
    const moderator = await openModerator(event.moderatorUrl, 'Mei');
    await moderator.getByTestId('audit-toggle').click();
    const entries = moderator.getByTestId('audit-panel').getByTestId('audit-entry');
    await expect.poll(() => entries.count()).toBe(100);
    await moderator.getByTestId('audit-older').click();
    // 120 questions and the event's creation.
    await expect.poll(() => entries.count()).toBe(121);
    expect(await entries.last().getAttribute('data-type')).toBe('event.created');
    expect(await moderator.getByTestId('audit-older').count()).toBe(0);
  });
});
