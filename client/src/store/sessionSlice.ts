import { mergeQuestion, type OwnQuestion } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AnyQuestion } from '../lib/questions';
import { initialBoard } from './boardSlice';
import { initialConnection } from './connectionSlice';
import { initialNotices } from './noticesSlice';
import { initialQuestions } from './questionsSlice';
import type { AppState, SessionSlice } from './types';

const initialSession: Pick<SessionSlice, 'event' | 'settings' | 'participantId' | 'fatalError'> = {
  event: null,
  settings: null,
  participantId: null,
  fatalError: null,
};

const collect = <Q extends AnyQuestion>(list: readonly Q[]) =>
  list.reduce<Record<string, Q>>(mergeQuestion, {});

export const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  ...initialSession,
  applySnapshot: (snapshot) => {
    const mine: Record<string, OwnQuestion> = collect(snapshot.mine ?? []);
    set({
      event: snapshot.event,
      settings: snapshot.settings ?? null,
      participantId: snapshot.participant?.id ?? null,
      fatalError: null,
      mine,
      // Our own copies first, so a public view of the same revision does not replace them.
      questions: snapshot.questions.reduce(
        mergeQuestion,
        collect<AnyQuestion>(Object.values(mine)),
      ),
    });
  },
  setEvent: (event, settings) => set(settings ? { event, settings } : { event }),
  setFatalError: (fatalError) => set({ fatalError }),
  reset: () =>
    set({
      ...initialConnection,
      ...initialSession,
      ...initialQuestions,
      ...initialNotices,
      ...initialBoard,
    }),
});
