import type { z } from 'zod';
import { CLIENT_EVENTS, ErrorCode, type ClientEventName, type Role } from '@dais/shared';

type PayloadOf<E extends ClientEventName> = z.input<(typeof CLIENT_EVENTS)[E]['payload']>;

/** The questions a sample payload names: one to act on, one to merge it into. */
export interface SampleIds {
  code: string;
  questionId: string;
  otherId: string;
}

/**
 * One valid payload for every client event, acting on real questions of a real event.
 * The type makes a new event in the contract a compile error here until it has one,
 * so tests that walk CLIENT_EVENTS always have something meaningful to send.
 */
export function samplePayloads({ code, questionId, otherId }: SampleIds): {
  [E in ClientEventName]: PayloadOf<E>;
} {
  return {
    'event:join': { code, role: 'audience' },
    'event:configure': { maxQuestionLength: 250 },
    'question:submit': { text: 'How are children heard in this?', name: 'Li' },
    'question:approve': { questionId, expected: 'pending' },
    'question:reject': { questionId, reason: 'Off topic' },
    'question:show': { questionId },
    'question:answer': { questionId },
    'question:merge': { questionId, intoId: otherId },
    'question:split': { questionId },
    'question:vote': { questionId, up: true },
    'question:pin': { questionId, on: true },
    'question:star': { questionId, on: true },
    'question:edit': { questionId, text: 'How are children heard?' },
    'queue:move': { questionId, beforeId: null },
    'queue:remove': { questionId },
    'stage:next': {},
    'stage:skip': {},
    'moderator:focus': { questionId },
    'moderator:undo': {},
    'audit:read': { limit: 10 },
    'event:summary': {},
    'event:purge': {},
  };
}

export const CLIENT_EVENT_NAMES = Object.keys(CLIENT_EVENTS) as ClientEventName[];

/** Who sends a request, as far as the server's role check is concerned. */
export type Sender = Role | 'unjoined';

/**
 * The refusal the server owes `sender` for `event` with `payload`, checked in the
 * order the server checks (the role in `dispatch`, then the schema; realtime/handle.ts), or
 * null when the request passes both and reaches the handler.
 */
export function expectedRefusal(
  event: ClientEventName,
  sender: Sender,
  payload: unknown,
): ErrorCode | null {
  const { roles, payload: schema } = CLIENT_EVENTS[event];
  if (roles !== 'any') {
    if (sender === 'unjoined') return ErrorCode.NotJoined;
    if (!(roles as readonly Role[]).includes(sender)) return ErrorCode.Forbidden;
  }
  return schema.safeParse(payload).success ? null : ErrorCode.InvalidPayload;
}

export const ERROR_CODES: readonly string[] = Object.values(ErrorCode);
