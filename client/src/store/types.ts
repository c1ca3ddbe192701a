import type {
  EventInfo,
  Failure,
  ModerationSettings,
  OwnQuestion,
  Presence,
  ServerToClientEvents,
  Snapshot,
} from '@dais/shared';
import type { AnyQuestion } from '../lib/questions';

/** `offline` means we were connected once and are trying to get back. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection: (connection: ConnectionState) => void;
}

export interface SessionSlice {
  event: EventInfo | null;
  /** Blocked terms and reason policy: moderators only, null for everyone else. */
  settings: ModerationSettings | null;
  /** The audience's own participant id; null for moderators and the stage. */
  participantId: string | null;
  /** A join failure the page cannot recover from by retrying (unknown event, wrong key…). */
  fatalError: Failure | null;
  /** "Up next" in order: moderators and the stage. */
  queue: string[];
  /** The other moderators and what they look at: moderators only. */
  presence: Presence;
  /**
   * Per cluster leader, up-votes that look scripted (votes:suspicious): moderators only;
   * absent ids have none.
   */
  suspiciousVotes: Record<string, number>;
  /** Cluster leaders this participant upvoted: the audience only. */
  myVotes: Record<string, true>;
  /** The server's clock minus this one's, as of the last join (times from the server). */
  clockOffset: number;
  /**
   * Log ids of the "Up next" and the event info this client holds (from the snapshot
   * or the newest push): a push with an older log id is ignored.
   */
  queueLogId: string;
  eventLogId: string;
  /** `logId`: a push's; ignored unless newer than `queueLogId`. None: this client's own ack. */
  setQueue: (queue: string[], logId?: string) => void;
  setPresence: (presence: Presence) => void;
  setSuspiciousVotes: (questionId: string, votes: number) => void;
  setVoted: (questionId: string, voted: boolean) => void;
  /** Replaces the whole event state with what the server sent on join. */
  applySnapshot: (snapshot: Snapshot) => void;
  /** `settings` comes with the event for moderators only; `logId` as for setQueue. */
  setEvent: (event: EventInfo, settings?: ModerationSettings, logId?: string) => void;
  setFatalError: (error: Failure) => void;
  /** Forgets everything: called when a page leaves its event. */
  reset: () => void;
}

export interface QuestionsSlice {
  /** Every question this client may see, newest revision of each. */
  questions: Record<string, AnyQuestion>;
  /** The audience's own questions as their asker sees them (with the rejection reason). */
  mine: Record<string, OwnQuestion>;
  mergeQuestion: (question: AnyQuestion) => void;
  /** Vote counts and scores from `votes:changed`, applied where their rev is not older. */
  applyVotes: (updates: VoteUpdate[]) => void;
}

export type VoteUpdate = Parameters<ServerToClientEvents['votes:changed']>[0]['updates'][number];

/** A question the audience sent that the server has not acked yet (kept in localStorage). */
export interface PendingQuestion {
  /** Made once when the question was sent; every retry carries it (see question:submit). */
  requestId: string;
  text: string;
  name: string;
}

export interface OutboxSlice {
  /** Oldest first: they go out in this order once the page is online. */
  outbox: PendingQuestion[];
  setOutbox: (outbox: PendingQuestion[]) => void;
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

/** The moderator board's own state: the cluster being merged while picking its target. */
export interface BoardSlice {
  mergeFrom: string | null;
  setMergeFrom: (questionId: string | null) => void;
}

export type AppState = ConnectionSlice &
  SessionSlice &
  QuestionsSlice &
  NoticesSlice &
  BoardSlice &
  OutboxSlice;
