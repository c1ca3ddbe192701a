import { needsEditToApprove, nextStatus, type Question, type QuestionAction } from '@dais/shared';
import { t } from '../../i18n';
import { isFullQuestion } from '../../lib/questions';
import {
  mergeCluster,
  moveQuestion,
  pinQuestion,
  queueMove,
  queueRemove,
  rejectQuestion,
  starQuestion,
} from '../../realtime/commands';
import { useAppStore } from '../../store';
import { QUEUE_KEYS, reorderTarget } from './boardModel';
import { useBoard } from './boardStore';

/**
 * What a moderator does to questions, for the keyboard, the card buttons and bulk
 * actions alike. Each checks what the question's status allows, so a key never sends
 * a request the board would not offer as a button.
 */

const app = () => useAppStore.getState();

function questionOf(id: string): Question | undefined {
  const question = app().questions[id];
  return question && isFullQuestion(question) ? question : undefined;
}

export const can = (question: Question, action: QuestionAction) =>
  nextStatus(question.status, action) !== null;

/** Approving a safeguarding question needs an edited text. */
export const canApproveAsIs = (question: Question) =>
  can(question, 'approve') && !needsEditToApprove(question);

export const isQueued = (id: string) => app().queue.includes(id);

/** One request per question at a time: a second key press does not race the first. */
const inFlight = new Set<string>();
async function once(id: string, task: () => Promise<unknown>): Promise<void> {
  if (inFlight.has(id)) return;
  inFlight.add(id);
  try {
    await task();
  } finally {
    inFlight.delete(id);
  }
}

/** Approves; a safeguarding question opens the editor instead. */
export function approve(id: string): Promise<void> | void {
  const question = questionOf(id);
  if (!question || !can(question, 'approve')) return;
  if (needsEditToApprove(question))
    return useBoard.getState().openDialog({ kind: 'approve', questionId: id });
  return once(id, () => moveQuestion('approve', id));
}

export function reject(id: string) {
  const question = questionOf(id);
  if (question && can(question, 'reject')) return once(id, () => rejectQuestion(id));
}

/** To the end of "Up next"; a question still waiting for review is approved first. */
export function addToUpNext(id: string) {
  const question = questionOf(id);
  if (!question || isQueued(id)) return;
  if (question.status === 'approved') return once(id, () => queueMove(id, null));
  if (!canApproveAsIs(question)) return;
  return once(id, async () => {
    if ((await moveQuestion('approve', id)).ok) await queueMove(id, null);
  });
}

export function removeFromUpNext(id: string) {
  if (isQueued(id)) return once(id, () => queueRemove(id));
}

/**
 * Moves a question in "Up next" before `beforeId` (null: to the end). Shown at once;
 * the server's order replaces it, or the old order comes back when it refused.
 */
export function moveInUpNext(id: string, beforeId: string | null) {
  const before = app().queue;
  const without = before.filter((each) => each !== id);
  const at = beforeId === null ? without.length : without.indexOf(beforeId);
  if (at < 0) return;
  const optimistic = [...without.slice(0, at), id, ...without.slice(at)];
  app().setQueue(optimistic);
  return once(id, async () => {
    // Refused: the order before comes back, unless another moderator's change replaced it.
    if (!(await queueMove(id, beforeId)).ok && app().queue === optimistic) app().setQueue(before);
  });
}

/** Shift+J / Shift+K: one step down or up among the cards "Up next" shows. */
export function stepInUpNext(id: string, step: 1 | -1) {
  const target = reorderTarget(useBoard.getState().lists.upNext, app().queue, id, step);
  if (target) return moveInUpNext(id, target.beforeId);
}

export function togglePin(id: string) {
  const question = questionOf(id);
  if (question && question.status !== 'merged') {
    return once(id, () => pinQuestion(id, !question.pinned));
  }
}

export function toggleStar(id: string) {
  const question = questionOf(id);
  if (question && question.status !== 'merged') {
    return once(id, () => starQuestion(id, !question.starred));
  }
}

export function editPublicText(id: string) {
  const question = questionOf(id);
  if (question && question.status !== 'merged') {
    useBoard.getState().openDialog({ kind: 'edit', questionId: id });
  }
}

/** Pick mode: the next Enter (or "Merge here") merges this cluster into the chosen one. */
export function startMerge(id: string) {
  const question = questionOf(id);
  if (question && can(question, 'merge')) app().setMergeFrom(id);
}

export function mergeInto(targetId: string) {
  const from = app().mergeFrom;
  if (!from || from === targetId || !questionOf(targetId)) return;
  return once(from, async () => {
    if ((await mergeCluster(from, targetId)).ok) app().setMergeFrom(null);
  });
}

export type BulkAction = 'approve' | 'reject' | 'upNext';

/** Whether a bulk action applies to a question (the others are left alone). */
const BULK_APPLIES: Record<BulkAction, (question: Question) => boolean> = {
  approve: canApproveAsIs,
  reject: (question) => can(question, 'reject'),
  upNext: (question) =>
    !isQueued(question.id) && (question.status === 'approved' || canApproveAsIs(question)),
};

const BULK_RUN: Record<BulkAction, (id: string) => Promise<unknown> | void | undefined> = {
  approve,
  reject,
  upNext: addToUpNext,
};

/** Whether the bulk action took effect, read from the store after it ran. */
const BULK_DONE: Record<BulkAction, (id: string) => boolean> = {
  approve: (id) => questionOf(id)?.status === 'approved',
  reject: (id) => questionOf(id)?.status === 'rejected',
  upNext: isQueued,
};

/**
 * Applies an action to the ticked questions, in board order, one after the other (so
 * "Up next" keeps that order), then says how many it changed. Refusals (a question
 * another moderator took first) have their own notices.
 */
export async function runBulk(action: BulkAction) {
  const { picked, lists, clearPicks } = useBoard.getState();
  const ids = QUEUE_KEYS.flatMap((key) => lists[key]).filter((id) => picked[id]);
  if (ids.length === 0) return;
  const targets = ids.filter((id) => {
    const question = questionOf(id);
    return question !== undefined && BULK_APPLIES[action](question);
  });
  clearPicks();
  for (const id of targets) await BULK_RUN[action](id);
  const done = targets.filter(BULK_DONE[action]).length;
  app().notify('success', t(`board.bulk.done.${action}`, { count: ids.length, done }));
}
