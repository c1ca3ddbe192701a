import { mergeQuestion, type Question } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AnyQuestion } from '../lib/questions';
import { initialConnection } from './connectionSlice';
import { initialNotices } from './noticesSlice';
import { initialQuestions } from './questionsSlice';
import type { AppState, SessionSlice } from './types';

const initialSession: Pick<SessionSlice, 'event' | 'participantId' | 'fatalError'> = {
  event: null,
  participantId: null,
  fatalError: null,
};

const collect = <Q extends AnyQuestion>(list: readonly Q[]) =>
  list.reduce<Record<string, Q>>(mergeQuestion, {});

export const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  ...initialSession,
  applySnapshot: (snapshot) => {
    const mine: Record<string, Question> = collect(snapshot.mine ?? []);
    set({
      event: snapshot.event,
      participantId: snapshot.participant?.id ?? null,
      fatalError: null,
      mine,
      // Our own full copies first, so a public view of the same revision does not replace them.
      questions: snapshot.questions.reduce(
        mergeQuestion,
        collect<AnyQuestion>(Object.values(mine)),
      ),
    });
  },
  setEvent: (event) => set({ event }),
  setFatalError: (fatalError) => set({ fatalError }),
  reset: () =>
    set({ ...initialConnection, ...initialSession, ...initialQuestions, ...initialNotices }),
});
