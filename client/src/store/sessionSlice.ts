import { mergeQuestion, type Question } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AnyQuestion } from '../lib/questions';
import type { AppState, SessionSlice } from './types';

const collect = <Q extends AnyQuestion>(list: readonly Q[]) =>
  list.reduce<Record<string, Q>>(mergeQuestion, {});

export const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  role: null,
  event: null,
  participantId: null,
  fatalError: null,
  applySnapshot: (snapshot) => {
    const mine: Record<string, Question> = collect(snapshot.mine ?? []);
    set({
      role: snapshot.role,
      event: snapshot.event,
      participantId: snapshot.participant?.id ?? null,
      fatalError: null,
      mine,
      // Our own full copies first, so a public view of the same revision does not replace them.
      questions: snapshot.questions.reduce(mergeQuestion, collect<AnyQuestion>(Object.values(mine))),
    });
  },
  setEvent: (event) => set({ event }),
  setFatalError: (fatalError) => set({ fatalError }),
  reset: () =>
    set({
      connection: 'connecting',
      role: null,
      event: null,
      participantId: null,
      fatalError: null,
      questions: {},
      mine: {},
      notices: [],
    }),
});
