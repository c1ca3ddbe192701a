import { toPublic } from '@dais/shared';
import { isFullQuestion, type AnyQuestion } from '../../lib/questions';

/**
 * What a screen in the hall may show. The stage's acks (stage:next, show, answer)
 * carry the full question, whose `text` is the asker's raw words (a phone number,
 * say); the stage shows the public text only.
 */
export const publicView = (question: AnyQuestion): AnyQuestion =>
  isFullQuestion(question) ? toPublic(question) : question;
