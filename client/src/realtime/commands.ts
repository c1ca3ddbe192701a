import type { QuestionAction } from '@dais/shared';
import { useAppStore } from '../store';
import { send } from './socket';

const store = () => useAppStore.getState();

const ACTION_EVENTS = {
  approve: 'question:approve',
  show: 'question:show',
  answer: 'question:answer',
} as const satisfies Record<Exclude<QuestionAction, 'reject'>, string>;

/**
 * Moves a question along TRANSITIONS. The acked copy is merged at once (the push
 * that follows is then a no-op by rev); a failure is shown as a notice.
 */
export async function moveQuestion(action: QuestionAction, questionId: string, reason?: string) {
  const result =
    action === 'reject'
      ? await send('question:reject', { questionId, reason: reason?.trim() || undefined })
      : await send(ACTION_EVENTS[action], { questionId });
  if (result.ok) store().mergeQuestion(result.data.question);
  else store().notify('error', result.message);
  return result;
}

/** The caller shows the outcome next to the form, so no notice here. */
export async function submitQuestion(text: string, name: string) {
  const result = await send('question:submit', { text, name: name.trim() || undefined });
  if (result.ok) store().mergeQuestion(result.data.question);
  return result;
}

export async function configureEvent(maxQuestionLength: number) {
  const result = await send('event:configure', { maxQuestionLength });
  if (result.ok) {
    store().setEvent(result.data.event);
    store().notify('success', `Questions may now be up to ${maxQuestionLength} characters.`);
  } else {
    store().notify('error', result.message);
  }
  return result;
}
