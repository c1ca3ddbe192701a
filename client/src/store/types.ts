import type { EventInfo, Failure, Question, Snapshot } from '@dais/shared';
import type { AnyQuestion } from '../lib/questions';

/** `offline` means we were connected once and are trying to get back. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection: (connection: ConnectionState) => void;
}

export interface SessionSlice {
  event: EventInfo | null;
  /** The audience's own participant id; null for moderators and the stage. */
  participantId: string | null;
  /** A join failure the page cannot recover from by retrying (unknown event, wrong key…). */
  fatalError: Failure | null;
  /** Replaces the whole event state with what the server sent on join. */
  applySnapshot: (snapshot: Snapshot) => void;
  setEvent: (event: EventInfo) => void;
  setFatalError: (error: Failure) => void;
  /** Forgets everything: called when a page leaves its event. */
  reset: () => void;
}

export interface QuestionsSlice {
  /** Every question this client may see, newest revision of each. */
  questions: Record<string, AnyQuestion>;
  /** The audience's own questions, in full (with the rejection reason). */
  mine: Record<string, Question>;
  mergeQuestion: (question: AnyQuestion) => void;
}

export type NoticeKind = 'error' | 'success';
export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

export interface NoticesSlice {
  notices: Notice[];
  notify: (kind: NoticeKind, text: string) => void;
  dismissNotice: (id: number) => void;
}

export type AppState = ConnectionSlice & SessionSlice & QuestionsSlice & NoticesSlice;
