import type { Page } from 'playwright-core';
import type { Question } from '@dais/shared';
import {
  cardsShown,
  clearSearch,
  goToQueue,
  queueCount,
  search,
  selectCard,
  selection,
  selectionLeft,
  waitUntil,
  type BoardCard,
  type QueueKey,
} from './board-keys';
import { seeded, type PlannedQuestion } from './rehearsal-corpus';
import type { SocketRecord } from './socket-frames';

/**
 * The people of a rehearsed live Q&A, each a loop over a page driven by keyboard only:
 * the moderators at the board (client/src/components/board/shortcuts.ts) and the
 * guest at the stage (client/src/components/stage/stageKeys.ts). They decide from what
 * their page shows and from the plan of each question (harness/rehearsal-corpus.ts).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** What the whole run shares: the plan of each question asked, and where the hour is. */
export interface Run {
  /** Question id → what it is (from the submit acks). */
  plans: Map<string, PlannedQuestion>;
  /** The phone's questions by text (the phone's acks name their ids). */
  plansByText: Map<string, PlannedQuestion>;
  hourOver: boolean;
  deadline: number;
  /** While set, the moderators stop at their next question (for the collision drill). */
  pause: boolean;
  paused: Set<string>;
  /** What happened when (ms since the start), for the report; printed with DAIS_REHEARSAL_LOG. */
  notes: string[];
  started: number;
  /** A driver that threw: the others stop at once, and the test fails with it. */
  failed: unknown[];
}

export function note(run: Run, text: string) {
  const line = `${((Date.now() - run.started) / 1000).toFixed(1)} s: ${text}`;
  run.notes.push(line);
  if (process.env.DAIS_REHEARSAL_LOG) console.log(line);
}

/** A driver's promise that never rejects: its error stops the run and is thrown at the end. */
export const guard = <T>(run: Run, work: Promise<T>): Promise<T | undefined> =>
  work.catch((error: unknown) => {
    run.failed.push(error);
    run.deadline = 0;
    return undefined;
  });

const planOf = (run: Run, card: BoardCard) =>
  run.plans.get(card.id) ?? run.plansByText.get(card.text);

/** Where a moderator waits while the run is paused. */
async function pausePoint(run: Run, who: string) {
  if (!run.pause) return false;
  run.paused.add(who);
  while (run.pause) await sleep(50);
  run.paused.delete(who);
  return true;
}

export const stillTime = (run: Run) => Date.now() < run.deadline;

/** The selected card's public version, when the board shows one (redacted or edited). */
const publicVersion = (page: Page) =>
  page.evaluate(
    `document.querySelector('[data-testid="mod-question"][data-selected="true"] .public-version__text')?.textContent ?? null`,
  ) as Promise<string | null>;

/** Waits until none of `ids` is in a queue any more (a bulk action went through). */
const leftQueue = (page: Page, queue: QueueKey, ids: string[], timeout = 20_000) =>
  waitUntil(
    page,
    `${JSON.stringify(ids)}.every((id) => !document.querySelector(
        '[data-testid="queue-${queue}"] [data-testid="mod-question"][data-id="' + id + '"]'))`,
    { timeout },
  ).then(
    () => true,
    () => false,
  );

/**
 * Works the top of Incoming by keyboard: `a` approves a fair question, `r` rejects
 * chatter and abuse; now and then a run of fair questions is ticked with `x`, `j` and
 * approved with Shift+A; once, a rejection is taken back with `z`. Returns when
 * Incoming is empty after the hour, or when `until` says so.
 */
export async function workIncoming(
  page: Page,
  run: Run,
  who: string,
  options: { until?: () => Promise<boolean>; undoOnce?: boolean } = {},
) {
  const random = seeded(who.length * 7919);
  let undone = !options.undoOnce;
  let decided = 0;
  await goToQueue(page, 'incoming');
  while (stillTime(run)) {
    if (await pausePoint(run, who)) await goToQueue(page, 'incoming');
    if (options.until && (await options.until())) return;
    const { card } = await selection(page);
    if (!card) {
      if ((await queueCount(page, 'incoming')) === '0') {
        if (run.hourOver) return;
      } else {
        // Cards, but none selected in view (the list scrolled away from the selection):
        // the queue's key brings it back, as a moderator looking for it would press.
        await goToQueue(page, 'incoming');
      }
      await sleep(100);
      continue;
    }
    const plan = planOf(run, card);
    if (!plan) {
      await sleep(30); // its ack is still on its way to the asker
      continue;
    }
    decided++;
    if (plan.kind !== 'question') {
      await page.keyboard.press('r');
      await selectionLeft(page, card.id);
    } else if (!undone && decided > 30) {
      // Rejected by mistake, taken back with z (it returns above the selection), approved.
      // Only when the rejection was hers: a teammate may have taken the question first.
      await page.keyboard.press('r');
      await selectionLeft(page, card.id);
      const shown = (status: string, queue: QueueKey) =>
        page
          .locator(`[data-testid="queue-${queue}"] [data-id="${card.id}"][data-status="${status}"]`)
          .waitFor({ timeout: 5000 })
          .then(
            () => true,
            () => false,
          );
      if (!(await shown('rejected', 'rejected'))) continue;
      await page.keyboard.press('z');
      if ((await shown('pending', 'incoming')) && (await selectCard(page, card.id, false))) {
        undone = true;
        await page.keyboard.press('a');
        await selectionLeft(page, card.id);
        note(run, `${who} rejected ${card.id}, undid it (z) and approved it`);
      }
    } else if (random() < 0.15) {
      // A run of fair questions, ticked and approved at once.
      const ticked: string[] = [];
      for (let i = 0; i < 8; i++) {
        const { card: next } = await selection(page);
        const nextPlan = next && planOf(run, next);
        if (!next || nextPlan?.kind !== 'question' || ticked.includes(next.id)) break;
        await page.keyboard.press('x');
        ticked.push(next.id);
        await page.keyboard.press('j');
        if (!(await selectionLeft(page, next.id, 1000))) break;
      }
      if (ticked.length > 0) {
        await page.keyboard.press('Shift+A');
        await leftQueue(page, 'incoming', ticked);
      }
    } else {
      await page.keyboard.press('a');
      await selectionLeft(page, card.id);
    }
  }
}

/** What a page looked like when a key did not do what it should have: for the notes. */
const diagnosis = (page: Page) =>
  page.evaluate(`JSON.stringify({
    focus: document.activeElement?.outerHTML.slice(0, 120),
    dialogs: document.querySelectorAll('dialog').length,
    queue: document.querySelector('[data-testid^="queue-"][data-active="true"]')?.getAttribute('data-testid'),
    selected: document.querySelector('[data-testid="mod-question"][data-selected="true"]')?.outerHTML.slice(0, 200),
    notices: [...document.querySelectorAll('.notice')].map((n) => n.textContent),
  })`) as Promise<string>;

/**
 * Types a moderator's text into the editor a key just opened (Ctrl+A first) and saves
 * it with Enter: `saved`, `refused` (the editor said why; closed with Esc) or `unopened`.
 */
async function typeInEditor(page: Page, run: Run, text: string) {
  const dialog = page.getByTestId('edit-dialog');
  if (
    !(await dialog.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    ))
  ) {
    note(run, `no editor opened: ${await diagnosis(page)}`);
    return 'unopened';
  }
  await waitUntil(page, `document.activeElement?.getAttribute('data-testid') === 'edit-text'`);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  try {
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    return 'saved';
  } catch {
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    return 'refused';
  }
}

/**
 * Works Held by keyboard, on a board in Chinese: personal data is redacted with `e`
 * before `a` (or approved as the filter redacted it, after checking the redaction is
 * shown), safeguarding questions are approved only through `a`'s editor, and abuse,
 * links and disclosures are rejected with `r`. With nothing held, helps with Incoming.
 */
export async function workHeld(page: Page, run: Run, who: string) {
  await goToQueue(page, 'held');
  while (stillTime(run)) {
    if (await pausePoint(run, who)) await goToQueue(page, 'held');
    const { card } = await selection(page);
    if (!card) {
      const somethingHeld = async () => (await queueCount(page, 'held')) !== '0';
      if (run.hourOver) {
        await workIncoming(page, run, who);
        if ((await queueCount(page, 'held')) === '0') return;
      } else {
        await workIncoming(page, run, who, { until: somethingHeld });
      }
      await goToQueue(page, 'held');
      continue;
    }
    const plan = planOf(run, card);
    if (!plan) {
      await sleep(30);
      continue;
    }
    const held = plan.held ?? { action: 'reject' as const };
    const edit = 'text' in held ? held.text : null;
    if (held.action === 'reject') {
      await page.keyboard.press('r');
    } else if (card.reasons.includes('safeguarding')) {
      // `a` opens "approve with an edit": the only way such a question goes public.
      await page.keyboard.press(edit ? 'a' : 'r');
      const typed = edit ? await typeInEditor(page, run, edit) : 'saved';
      if (typed === 'unopened') continue; // looked again, and tried again
      if (typed === 'refused') await page.keyboard.press('r');
    } else if (edit) {
      await page.keyboard.press('e');
      const typed = await typeInEditor(page, run, edit);
      if (typed === 'unopened') continue;
      await page.keyboard.press(typed === 'saved' ? 'a' : 'r');
    } else {
      // As the filter redacted it, once the board shows that redacted public version.
      const shown = await publicVersion(page);
      await page.keyboard.press(shown && shown !== card.text ? 'a' : 'r');
    }
    await selectionLeft(page, card.id);
  }
}

/** Which column a leader is in, for the number key that goes there. */
const columnOf = (question: Question, upNext: readonly string[]): QueueKey =>
  question.status === 'live' || question.status === 'answered'
    ? 'answered'
    : upNext.includes(question.id)
      ? 'upNext'
      : 'approved';

/**
 * The curator's eyes: from what the board was sent, the clusters of one question asked
 * in several ways that are still apart (two or more public leaders), with the leader
 * to keep: one on stage or answered, else the one most asked.
 */
export function clustersToFold(run: Run, questions: Map<string, Question>) {
  const leadersByGroup = new Map<string, Map<string, Question>>();
  for (const question of questions.values()) {
    const plan = run.plans.get(question.id) ?? run.plansByText.get(question.text);
    if (plan?.kind !== 'question') continue;
    const leader = questions.get(question.clusterId) ?? question;
    if (!['approved', 'live', 'answered'].includes(leader.status)) continue;
    const leaders = leadersByGroup.get(plan.group) ?? new Map<string, Question>();
    leaders.set(leader.id, leader);
    leadersByGroup.set(plan.group, leaders);
  }
  const folds: { target: Question; sources: Question[] }[] = [];
  for (const leaders of leadersByGroup.values()) {
    if (leaders.size < 2) continue;
    const ordered = [...leaders.values()].sort(
      (a, b) =>
        Number(b.status !== 'approved') - Number(a.status !== 'approved') ||
        b.askedBy - a.askedBy ||
        b.votes - a.votes,
    );
    const [target, ...rest] = ordered;
    const sources = rest.filter((q) => q.status === 'approved');
    if (sources.length > 0) folds.push({ target: target!, sources });
  }
  return folds;
}

/**
 * The longest piece of text every one of `texts` holds, as the board's search reads
 * text (NFKC, lower case), without spaces or punctuation at its ends: what a moderator
 * would type to find all of them.
 */
function sharedPiece(texts: string[]): string {
  const [shortest = '', ...others] = texts
    .map((text) => text.normalize('NFKC').toLowerCase())
    .sort((a, b) => a.length - b.length);
  for (let length = shortest.length; length > 0; length--) {
    for (let at = 0; at + length <= shortest.length; at++) {
      const piece = shortest.slice(at, at + length);
      if (others.every((text) => text.includes(piece))) {
        return piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
      }
    }
  }
  return '';
}

/** Long enough to narrow 2,000 questions down to a few: two Chinese characters, or a word. */
const narrows = (piece: string) =>
  /\p{Script=Han}/u.test(piece) ? [...piece].length >= 2 : piece.length >= 5;

/**
 * Searches for each of `searches` in turn until the card `id` shows in `queue`, and
 * selects it (j/k). False when none of them finds it.
 */
async function findAndSelect(page: Page, queue: QueueKey, id: string, searches: string[]) {
  for (const words of searches) {
    await search(page, words);
    await goToQueue(page, queue);
    const card = page.locator(`[data-testid="queue-${queue}"] [data-id="${id}"]`);
    const shown = await card.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (shown && (await selectCard(page, id))) return true;
  }
  return false;
}

/**
 * Folds `sources` into `target` by keyboard: search for the words they share (else
 * each one's own words), select a source, `m`, select the target, Enter. The search is
 * left on, with the target found (for a key to follow); false when it could not be.
 * `board` is what the page was sent (where each card is: Approved or Up next).
 */
export async function fold(
  page: Page,
  target: Question,
  sources: Question[],
  run: Run,
  board: SocketRecord,
) {
  const piece = sharedPiece([target, ...sources].map((q) => q.text));
  const shared = narrows(piece) ? [piece] : [];
  const find = (q: Question) =>
    findAndSelect(page, columnOf(q, board.upNext.ids), q.id, [...shared, q.text]);
  for (const source of sources) {
    if (!(await find(source))) {
      note(run, `could not find ${source.id} to fold it`);
      continue;
    }
    await page.keyboard.press('m');
    await page.getByTestId('merge-banner').waitFor();
    const found = await find(target);
    if (found) await page.keyboard.press('Enter');
    const merged = await page
      .getByTestId('merge-banner')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (!merged) {
      await page.keyboard.press('Escape');
      note(
        run,
        `could not fold ${source.id} into ${target.id} (${found ? 'refused' : 'not found'})`,
      );
    }
  }
  return find(target);
}

/** Selects the first card of a queue (the most popular, in Approved). */
async function selectTop(page: Page, queue: QueueKey) {
  await goToQueue(page, queue);
  for (let tries = 0; tries < 5; tries++) {
    const top = (await cardsShown(page, queue)).find((card) => card.row === 0);
    if (top) return (await selectCard(page, top.id, false)) ? top : null;
    for (let i = 0; i < 20; i++) await page.keyboard.press('k');
  }
  return null;
}

/** The ids of Up next as the board shows them, in order. */
const upNextShown = async (page: Page) =>
  (await cardsShown(page, 'upNext')).sort((a, b) => a.row - b.row).map((card) => card.id);

/**
 * Curates by keyboard: keeps three questions in Up next (the most popular of
 * Approved, its duplicates folded in first), puts the question of the phone in the
 * hall on top of Up next (u, then Shift+K), folds clusters of the same question asked
 * in other words, pins one question, stars two, and once takes one out of Up next
 * (Del). Done when, after the hour, nothing is left to review or fold.
 */
export async function curate(
  page: Page,
  record: SocketRecord,
  run: Run,
  phoneQuestionId: () => string | undefined,
) {
  const done = { pinned: false, starred: 0, removed: false, phoneOnTop: false };
  while (stillTime(run)) {
    const questions = record.questions;
    const phoneId = phoneQuestionId();
    const phoneQuestion = phoneId ? questions.get(phoneId) : undefined;
    if (!done.phoneOnTop && phoneQuestion?.status === 'approved') {
      await search(page, phoneQuestion.text);
      await goToQueue(page, 'approved');
      if (await selectCard(page, phoneQuestion.id)) {
        await page.keyboard.press('u');
        await selectionLeft(page, phoneQuestion.id);
      }
      await clearSearch(page);
      await goToQueue(page, 'upNext');
      const inUpNext = await page
        .locator(`[data-testid="queue-upNext"] [data-id="${phoneQuestion.id}"]`)
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      if (!inUpNext) {
        // Refilling Up next may have put it there first, and the guest taken it on stage
        // since: then it is on its way. Otherwise the next round tries again.
        done.phoneOnTop = questions.get(phoneQuestion.id)?.status !== 'approved';
        if (!done.phoneOnTop) note(run, `the phone's question did not reach Up next; again`);
        continue;
      }
      if (await selectCard(page, phoneQuestion.id)) {
        for (let i = 0; i < 10 && (await upNextShown(page))[0] !== phoneQuestion.id; i++) {
          const before = (await upNextShown(page)).join();
          await page.keyboard.press('Shift+K');
          await waitUntil(
            page,
            `[...document.querySelectorAll('[data-testid="queue-upNext"] [data-testid="mod-question"]')]
                .map((c) => c.getAttribute('data-id')).join() !== ${JSON.stringify(before)}`,
            { timeout: 5000 },
          ).catch(() => undefined);
        }
      }
      done.phoneOnTop = true;
      continue;
    }

    const upNext = Number(await queueCount(page, 'upNext'));
    const approved = Number(await queueCount(page, 'approved'));
    if (upNext < 3 && approved > 0) {
      const top = await selectTop(page, 'approved');
      const leader = top && questions.get(top.id);
      if (!leader) continue;
      // Its duplicates first: asked in other words by others, it goes on stage once.
      const duplicates = clustersToFold(run, questions).find(
        (f) => f.target.id === leader.id || f.sources.some((q) => q.id === leader.id),
      );
      const chosen = duplicates?.target ?? leader;
      if (duplicates && !(await fold(page, duplicates.target, duplicates.sources, run, record))) {
        await clearSearch(page);
        continue;
      }
      if (chosen.status === 'approved') {
        if (!done.pinned) {
          await page.keyboard.press('p');
          await page.locator(`[data-id="${chosen.id}"] [data-testid="card-pinned"]`).waitFor();
          done.pinned = true;
        }
        await page.keyboard.press('u');
        await selectionLeft(page, chosen.id);
      }
      if (duplicates) await clearSearch(page);
      continue;
    }

    if (done.starred < 2 && approved > 3) {
      const top = await selectTop(page, 'approved');
      if (top) {
        await page.keyboard.press('j');
        const { card } = await selection(page);
        // s toggles: a card starred in an earlier round is left as it is.
        if (card && card.id !== top.id && !card.starred) {
          await page.keyboard.press('s');
          // Starred, unless another moderator took it out of Approved first.
          const card$ = `document.querySelector('[data-testid="queue-approved"] [data-id="${card.id}"]')`;
          const starred = `Boolean(${card$}?.querySelector('[data-testid="card-starred"]'))`;
          await waitUntil(page, `!${card$} || ${starred}`, { timeout: 30_000 });
          if (await page.evaluate(starred)) done.starred++;
        }
      }
      continue;
    }

    if (!done.removed && upNext >= 3) {
      // The last of Up next goes back to Approved (Del); the next round refills Up next.
      await goToQueue(page, 'upNext');
      const last = (await upNextShown(page)).at(-1);
      if (last && last !== phoneId && (await selectCard(page, last))) {
        await page.keyboard.press('Delete');
        await selectionLeft(page, last);
      }
      done.removed = true;
      continue;
    }

    const folds = clustersToFold(run, questions);
    if (folds.length > 0) {
      const { target, sources } = folds[0]!;
      await fold(page, target, sources, run, record);
      await clearSearch(page);
      continue;
    }
    const waiting =
      Number(await queueCount(page, 'incoming')) + Number(await queueCount(page, 'held'));
    if (run.hourOver && waiting === 0) return done;
    await sleep(150);
  }
  return done;
}

// ---------------------------------------------------------------- the guest

const liveOnStage = (page: Page) =>
  page.evaluate(
    `document.querySelector('[data-testid="stage-question"]')?.getAttribute('data-id') ?? null`,
  ) as Promise<string | null>;

/**
 * The guest's clicker: mostly "next" (PageDown, sometimes Space or →), now and then
 * "skip" (PageUp) or "answered" alone (Enter), every `everyMs` from `startMs` on, until
 * the hour is over; the last question is then marked answered. The question the
 * curator put on top for the guest (`promised`) is never skipped: "next" answers it.
 */
export async function answerFromStage(
  page: Page,
  run: Run,
  {
    startMs,
    everyMs,
    promised,
  }: { startMs: number; everyMs: number; promised: () => string | undefined },
) {
  const random = seeded(99);
  const pressed: string[] = [];
  await sleep(startMs);
  const press = async (key: string) => {
    const before = await liveOnStage(page);
    await page.keyboard.press(key);
    pressed.push(key);
    await waitUntil(
      page,
      `(document.querySelector('[data-testid="stage-question"]')?.getAttribute('data-id') ?? null) !== ${JSON.stringify(before)}`,
      { timeout: 3000 },
    ).catch(() => undefined);
  };
  while (!run.hourOver && stillTime(run)) {
    const live = await liveOnStage(page);
    const roll = random();
    await press(
      live && roll < 0.1 && live !== promised()
        ? 'PageUp'
        : live && roll < 0.16
          ? 'Enter'
          : roll < 0.3
            ? ' '
            : roll < 0.4
              ? 'ArrowRight'
              : 'PageDown',
    );
    await sleep(everyMs);
  }
  if (await liveOnStage(page)) await press('Enter');
  return pressed;
}
