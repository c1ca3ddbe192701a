import { mergeQuestion, withVoteCount } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AppState, QuestionsSlice } from './types';

export const initialQuestions: Pick<QuestionsSlice, 'questions' | 'mine'> = {
  questions: {},
  mine: {},
};

export const questionsSlice: StateCreator<AppState, [], [], QuestionsSlice> = (set) => ({
  ...initialQuestions,
  mergeQuestion: (question) =>
    set((state) => {
      const questions = mergeQuestion(state.questions, question);
      // Only the asker's own views carry authorId here; public views never enter `mine`.
      const isMine = 'authorId' in question && question.authorId === state.participantId;
      const mine = isMine ? mergeQuestion(state.mine, question) : state.mine;
      return questions === state.questions && mine === state.mine ? state : { questions, mine };
    }),
  applyVotes: (updates) =>
    set((state) => {
      let questions = state.questions;
      for (const update of updates) {
        const known = questions[update.id];
        const counted = known && withVoteCount(known, update);
        if (counted && counted !== known) questions = { ...questions, [update.id]: counted };
      }
      return questions === state.questions ? state : { questions };
    }),
});
