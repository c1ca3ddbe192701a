import { mergeQuestions, type OwnQuestion } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AnyQuestion } from '../lib/questions';
import { initialBoard } from './boardSlice';
import { initialConnection } from './connectionSlice';
import { initialNotices } from './noticesSlice';
import { initialQuestions } from './questionsSlice';
import type { AppState, SessionSlice } from './types';

const initialSession: Pick<
  SessionSlice,
  | 'event'
  | 'settings'
  | 'participantId'
  | 'fatalError'
  | 'queue'
  | 'presence'
  | 'myVotes'
  | 'clockOffset'
> = {
  event: null,
  settings: null,
  participantId: null,
  fatalError: null,
  queue: [],
  presence: [],
  myVotes: {},
  clockOffset: 0,
};

export const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  ...initialSession,
  applySnapshot: (snapshot) => {
    const mine: Record<string, OwnQuestion> = mergeQuestions({}, snapshot.mine ?? []);
    set({
      event: snapshot.event,
      settings: snapshot.settings ?? null,
      participantId: snapshot.participant?.id ?? null,
      fatalError: null,
      queue: snapshot.queue ?? [],
      presence: snapshot.presence ?? [],
      myVotes: Object.fromEntries((snapshot.myVotes ?? []).map((id) => [id, true as const])),
      clockOffset: snapshot.serverTime - Date.now(),
      mine,
      // Our own copies first, so a public view of the same revision does not replace them.
      questions: mergeQuestions<AnyQuestion>(mine, snapshot.questions),
    });
  },
  setEvent: (event, settings) => set(settings ? { event, settings } : { event }),
  setFatalError: (fatalError) => set({ fatalError }),
  setQueue: (queue) => set({ queue }),
  setPresence: (presence) => set({ presence }),
  setVoted: (questionId, voted) =>
    set(({ myVotes }) => {
      const { [questionId]: _, ...others } = myVotes;
      return { myVotes: voted ? { ...others, [questionId]: true } : others };
    }),
  reset: () =>
    set({
      ...initialConnection,
      ...initialSession,
      ...initialQuestions,
      ...initialNotices,
      ...initialBoard,
    }),
});
