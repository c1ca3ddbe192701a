import { mergeQuestions, type OwnQuestion } from '@dais/shared';
import type { StateCreator } from 'zustand';
import type { AnyQuestion } from '../lib/questions';
import { initialBoard } from './boardSlice';
import { initialConnection } from './connectionSlice';
import { initialNotices } from './noticesSlice';
import { initialOutbox } from './outboxSlice';
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
  | 'suspiciousVotes'
  | 'myVotes'
  | 'clockOffset'
  | 'queueLogId'
  | 'eventLogId'
> = {
  event: null,
  settings: null,
  participantId: null,
  fatalError: null,
  queue: [],
  presence: [],
  suspiciousVotes: {},
  myVotes: {},
  clockOffset: 0,
  queueLogId: '',
  eventLogId: '',
};

/** Whether stream id `a` ("ms-seq") comes after `b` ('' comes before every id). */
export function isNewerLogId(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}

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
      suspiciousVotes: snapshot.suspiciousVotes ?? {},
      myVotes: Object.fromEntries((snapshot.myVotes ?? []).map((id) => [id, true as const])),
      clockOffset: snapshot.serverTime - Date.now(),
      queueLogId: snapshot.logId,
      eventLogId: snapshot.logId,
      mine,
      // Our own copies first, so a public view of the same revision does not replace them.
      questions: mergeQuestions<AnyQuestion>(mine, snapshot.questions),
    });
  },
  setEvent: (event, settings, logId) =>
    set((state) => {
      if (logId !== undefined && !isNewerLogId(logId, state.eventLogId)) return state;
      const eventLogId = logId ?? state.eventLogId;
      return settings ? { event, settings, eventLogId } : { event, eventLogId };
    }),
  setFatalError: (fatalError) => set({ fatalError }),
  setQueue: (queue, logId) =>
    set((state) => {
      if (logId !== undefined && !isNewerLogId(logId, state.queueLogId)) return state;
      return { queue, queueLogId: logId ?? state.queueLogId };
    }),
  setPresence: (presence) => set({ presence }),
  setSuspiciousVotes: (questionId, votes) =>
    set(({ suspiciousVotes }) => ({
      suspiciousVotes: { ...suspiciousVotes, [questionId]: votes },
    })),
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
      ...initialOutbox,
    }),
});
