import { mergeQuestion } from '@dais/shared';
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
      for (const { id, votes, score, rev } of updates) {
        const known = questions[id];
        if (!known || known.rev > rev) continue;
        questions = { ...questions, [id]: { ...known, votes, score, rev } };
      }
      return questions === state.questions ? state : { questions };
    }),
});
