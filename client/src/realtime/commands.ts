import type { ConfigurePayload, QuestionAction, Result } from '@dais/shared';
import { errorText, type FailureContext } from '../i18n/errors';
import type { AnyQuestion } from '../lib/questions';
import { useAppStore } from '../store';
import { send } from './socket';

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
 * The acked copy is merged at once (the push that follows is then a no-op by rev);
 * a failure is shown as a notice, in the user's language.
 */
async function applied<R extends Result<{ question: AnyQuestion }>>(
  request: Promise<R>,
  context: FailureContext = 'other',
) {
  const result = await request;
  if (result.ok) store().mergeQuestion(result.data.question);
  else store().notify('error', errorText(result, context));
  return result;
}

/** Moves a question along TRANSITIONS. */
export const moveQuestion = (action: SimpleAction, questionId: string) =>
  applied(send(ACTION_EVENTS[action], { questionId }));

/** Approves with the moderator's edit as the public text. */
export const approveEdited = (questionId: string, text: string) =>
  applied(send('question:approve', { questionId, text }), 'edit');

/** The reason is shown to the asker only. */
export const rejectQuestion = (questionId: string, reason: string) =>
  applied(send('question:reject', { questionId, reason: reason.trim() || undefined }));

/** Puts the cluster led by `questionId` into the one led by `intoId`. */
export const mergeCluster = (questionId: string, intoId: string) =>
  applied(send('question:merge', { questionId, intoId }));

/** The caller shows the outcome next to the form (`errorText(result, 'submit')`), so no notice here. */
export async function submitQuestion(text: string, name: string) {
  const result = await send('question:submit', { text, name: name.trim() || undefined });
  if (result.ok) store().mergeQuestion(result.data.question);
  return result;
}

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
