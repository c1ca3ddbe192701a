import {
  ErrorCode,
  type AuditType,
  type ConfigurePayload,
  type QuestionAction,
  type Result,
} from '@dais/shared';
import { errorText, type FailureContext } from '../i18n/errors';
import type { AnyQuestion } from '../lib/questions';
import { useAppStore } from '../store';
import { newRequestId, send, sendRetrying } from './socket';

const store = () => useAppStore.getState();

/** Actions that need nothing but the question's id. */
const ACTION_EVENTS = {
  approve: 'question:approve',
  show: 'question:show',
  answer: 'question:answer',
  split: 'question:split',
} as const satisfies Partial<Record<QuestionAction, string>>;
export type SimpleAction = keyof typeof ACTION_EVENTS;

/**
 * The status this client shows for a question: sent as `expected`, so when another
 * moderator acted first the server answers CONFLICT instead of overriding them.
 */
const seen = (questionId: string) => store().questions[questionId]?.status;

/**
 * The acked copy is merged at once (the push that follows is then a no-op by rev);
 * a failure is shown as a notice, in the user's language. A CONFLICT brings the
 * question as it is now, which replaces the stale copy on screen.
 */
async function applied<R extends Result<{ question: AnyQuestion }>>(
  request: Promise<R>,
  context: FailureContext = 'other',
) {
  const result = await request;
  if (result.ok) store().mergeQuestion(result.data.question);
  else failed(result, context);
  return result;
}

function failed(result: Exclude<Result<unknown>, { ok: true }>, context: FailureContext = 'other') {
  if (result.error === ErrorCode.Conflict && result.current) store().mergeQuestion(result.current);
  store().notify('error', errorText(result, context));
}

/** Moves a question along TRANSITIONS. */
export const moveQuestion = (action: SimpleAction, questionId: string) =>
  applied(send(ACTION_EVENTS[action], { questionId, expected: seen(questionId) }));

/** Approves with the moderator's edit as the public text. */
export const approveEdited = (questionId: string, text: string) =>
  applied(send('question:approve', { questionId, text, expected: seen(questionId) }), 'edit');

/** The reason is shown to the asker only. */
export const rejectQuestion = (questionId: string, reason = '') =>
  applied(
    send('question:reject', {
      questionId,
      reason: reason.trim() || undefined,
      expected: seen(questionId),
    }),
  );

/** Puts the cluster led by `questionId` into the one led by `intoId`. */
export const mergeCluster = (questionId: string, intoId: string) =>
  applied(send('question:merge', { questionId, intoId, expected: seen(questionId) }));

/** Replaces the public text; the asker's words stay in the audit log. */
export const editQuestion = (questionId: string, text: string) =>
  applied(send('question:edit', { questionId, text, expected: seen(questionId) }), 'edit');

export const pinQuestion = (questionId: string, on: boolean) =>
  applied(send('question:pin', { questionId, on }));

export const starQuestion = (questionId: string, on: boolean) =>
  applied(send('question:star', { questionId, on }));

/**
 * Upvotes or withdraws; the count comes back at once, everyone else gets it batched.
 * One request id per click: a retry after a lost ack never votes or withdraws twice.
 */
export async function voteFor(questionId: string, up: boolean) {
  const result = await sendRetrying('question:vote', { questionId, up, requestId: newRequestId() });
  if (result.ok) {
    const { questionId: leaderId, votes, voted } = result.data;
    store().setVoted(leaderId, voted);
    const known = store().questions[leaderId];
    if (known) store().applyVotes([{ id: leaderId, votes, score: known.score, rev: known.rev }]);
  } else {
    failed(result);
  }
  return result;
}

/** "Up next" as the server acked it; a failure is a notice. */
async function queueApplied<R extends Result<{ queue: string[] }>>(request: Promise<R>) {
  const result = await request;
  if (result.ok) store().setQueue(result.data.queue);
  else failed(result);
  return result;
}

/** Puts an approved question into "Up next" before `beforeId` (null: at the end). */
export const queueMove = (questionId: string, beforeId: string | null) =>
  queueApplied(send('queue:move', { questionId, beforeId }));

export const queueRemove = (questionId: string) =>
  queueApplied(send('queue:remove', { questionId, expected: seen(questionId) }));

/** The stage moves on: `next` answers the live question, `skip` returns it unanswered. */
export async function advanceStage(how: 'next' | 'skip') {
  const result = await send(how === 'next' ? 'stage:next' : 'stage:skip', {});
  if (result.ok) {
    for (const question of [result.data.previous, result.data.live]) {
      if (question) store().mergeQuestion(question);
    }
  } else {
    failed(result);
  }
  return result;
}

/** Tells the other moderators what this one looks at; best effort, no notice. */
export const focusOn = (questionId: string | null) => void send('moderator:focus', { questionId });

/** Undoes this moderator's own last action. */
export async function undoLast() {
  const result = await send('moderator:undo', {});
  if (result.ok) {
    for (const question of result.data.questions) store().mergeQuestion(question);
  } else {
    failed(result, 'undo');
  }
  return result;
}

/** A page of the audit log, older than `before` when given, only of `types` when given. */
export const readAudit = (before: string | undefined, types?: AuditType[]) =>
  send('audit:read', { before, limit: 100, ...(types && { types }) });

export const readSummary = () => send('event:summary', {});

/** Changes event settings; `done` is the notice (already translated) shown when the server took them. */
export async function configureEvent(change: ConfigurePayload, done: string) {
  const result = await send('event:configure', change);
  if (result.ok) {
    store().setEvent(result.data.event, result.data.settings);
    store().notify('success', done);
  } else {
    store().notify('error', errorText(result));
  }
  return result;
}

/** Purges the raw text of held and redacted questions now. */
export async function purgeNow(done: (purged: number) => string) {
  const result = await send('event:purge', {});
  if (result.ok) store().notify('success', done(result.data.purged));
  else failed(result);
  return result;
}
