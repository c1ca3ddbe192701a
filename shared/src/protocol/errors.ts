import type { Question } from '../domain/question';
import type { FilterReason } from '../moderation/types';

/**
 * Every error a client can receive, in an ack or a connect_error.
 * @example { ok: false, error: ErrorCode.EventNotFound, message: 'No event with code ACDEFG34' }
 */
export const ErrorCode = {
  /** The client speaks another protocol version; reload the page. */
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  /** The payload does not match the event's schema; `message` says where. */
  InvalidPayload: 'INVALID_PAYLOAD',
  /** No such event name in the protocol. */
  UnknownEvent: 'UNKNOWN_EVENT',
  EventNotFound: 'EVENT_NOT_FOUND',
  /** The moderator or stage key is wrong or missing. */
  BadKey: 'BAD_KEY',
  /** The participant token is not one this server signed. */
  BadToken: 'BAD_TOKEN',
  /** This socket has not joined an event yet. */
  NotJoined: 'NOT_JOINED',
  /** The socket's role may not send this event. */
  Forbidden: 'FORBIDDEN',
  QuestionNotFound: 'QUESTION_NOT_FOUND',
  /**
   * The question is no longer in a state the action applies to, or not the one the
   * moderator saw; `message` names its state now and `current` holds it.
   */
  Conflict: 'CONFLICT',
  /** The event does not take questions now (closed by a moderator, or ended). */
  QuestionsClosed: 'QUESTIONS_CLOSED',
  /** Slow mode: `retryAfterMs` says when this participant may ask again. */
  SlowMode: 'SLOW_MODE',
  /**
   * Too many requests from this participant or this network address (a flood guard,
   * above any real person's pace); `retryAfterMs` says when to try again.
   */
  RateLimited: 'RATE_LIMITED',
  /** Nothing of yours to undo (or it was changed by someone since). */
  NothingToUndo: 'NOTHING_TO_UNDO',
  /** The filter turned the question away; `reasons` says why (e.g. too-long, empty, spam). */
  Rejected: 'REJECTED',
  /** The store is unreachable; nothing was changed. Try again. */
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Failure = {
  ok: false;
  error: ErrorCode;
  message: string;
  /** With REJECTED: the filter's reasons. */
  reasons?: FilterReason[];
  /** With CONFLICT: the question as it is now. */
  current?: Question;
  /** With SLOW_MODE and RATE_LIMITED: milliseconds until the participant may try again. */
  retryAfterMs?: number;
};
/**
 * The one shape of every ack.
 * @example { ok: true, data: { question } } or { ok: false, error: 'FORBIDDEN', message: '…' }
 */
export type Result<T> = { ok: true; data: T } | Failure;
export type Ack<T> = (result: Result<T>) => void;

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
/** Extra fields of a failure: `reasons`, `current`, `retryAfterMs`. */
export type FailureDetails = Partial<Pick<Failure, 'reasons' | 'current' | 'retryAfterMs'>>;

export const fail = (error: ErrorCode, message: string, details: FailureDetails = {}): Failure => ({
  ok: false,
  error,
  message,
  ...details,
});
