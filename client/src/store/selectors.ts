import { QUESTION_STATUSES, type QuestionStatus } from '@dais/shared';
import { useShallow } from 'zustand/react/shallow';
import { pickQuestions, type QuestionOrder } from '../lib/questions';
import { useAppStore } from './index';

/** Questions with one of `statuses`, sorted; re-renders only when the list really changes. */
export const useQuestions = (statuses: readonly QuestionStatus[], order: QuestionOrder) =>
  useAppStore(useShallow((state) => pickQuestions(state.questions, statuses, order)));

export const useMyQuestions = () =>
  useAppStore(useShallow((state) => pickQuestions(state.mine, QUESTION_STATUSES, 'newest')));

/** The one question on stage, if any. */
export const useLiveQuestion = () =>
  useAppStore((state) => Object.values(state.questions).find((q) => q.status === 'live'));
