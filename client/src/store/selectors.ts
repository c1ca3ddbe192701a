import { QUESTION_STATUSES, type Question, type QuestionStatus } from '@dais/shared';
import { useShallow } from 'zustand/react/shallow';
import {
  groupClusters,
  isFullQuestion,
  pickQuestions,
  type AnyQuestion,
  type QuestionOrder,
} from '../lib/questions';
import { useAppStore } from './index';

/** Questions with one of `statuses`, sorted; re-renders only when the list really changes. */
export const useQuestions = (statuses: readonly QuestionStatus[], order: QuestionOrder) =>
  useAppStore(useShallow((state) => pickQuestions(state.questions, statuses, order)));

/** The same, for the moderator board: moderators hold every question in full. */
export const useFullQuestions = (statuses: readonly QuestionStatus[], order: QuestionOrder) =>
  useAppStore(
    useShallow((state) => pickQuestions(state.questions, statuses, order).filter(isFullQuestion)),
  );

export const useMyQuestions = () =>
  useAppStore(useShallow((state) => pickQuestions(state.mine, QUESTION_STATUSES, 'newest')));

/** The one question on stage, if any. */
export const useLiveQuestion = () =>
  useAppStore((state) => Object.values(state.questions).find((q) => q.status === 'live'));

let lastGrouping:
  { of: Record<string, AnyQuestion>; clusters: Record<string, AnyQuestion[]> } | undefined;
/** Grouped once per change of the questions, however many leader cards ask. */
function clustersOf(questions: Record<string, AnyQuestion>) {
  if (lastGrouping?.of !== questions) {
    lastGrouping = { of: questions, clusters: groupClusters(questions) };
  }
  return lastGrouping.clusters;
}
const NO_MEMBERS: Question[] = [];

/** The merged questions under one cluster leader, oldest first. */
export const useClusterMembers = (leaderId: string) =>
  useAppStore(
    useShallow(
      (state) => clustersOf(state.questions)[leaderId]?.filter(isFullQuestion) ?? NO_MEMBERS,
    ),
  );
