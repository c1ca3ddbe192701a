import { z } from 'zod';
import { EventInfoSchema, type Role } from '../domain/event';
import { PublicQuestionSchema, QuestionSchema } from '../domain/question';
import type { Ack } from './errors';
import {
  ConfigureSchema,
  JoinSchema,
  QuestionRefSchema,
  RejectSchema,
  SubmitSchema,
} from './schemas';

const AnyQuestionSchema = z.union([QuestionSchema, PublicQuestionSchema]);

/**
 * What a socket gets when it joins: the whole current state for its role.
 * Moderators get every question in full; the audience and the stage get public
 * questions, and the audience also its own questions in full and its token.
 * `logId` is the event log's id when the state was read.
 */
export const SnapshotSchema = z.object({
  role: z.enum(['audience', 'moderator', 'stage']),
  event: EventInfoSchema,
  logId: z.string(),
  questions: z.array(AnyQuestionSchema),
  participant: z.object({ id: z.string(), token: z.string() }).optional(),
  mine: z.array(QuestionSchema).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const QuestionAckSchema = z.object({ question: QuestionSchema });
const EventAckSchema = z.object({ event: EventInfoSchema });

/**
 * Every event a client may send: its payload schema, its ack's data, and the
 * roles allowed to send it ('any' = before joining). The server enforces `roles`
 * and `payload` on every message; the typed maps below are derived from here.
 */
export const CLIENT_EVENTS = {
  'event:join': {
    roles: 'any',
    payload: JoinSchema,
    ack: SnapshotSchema,
    doc: 'Join an event as audience (with an optional earlier token) or, with the secret key, as moderator or stage. Joining again replaces the earlier join.',
  },
  'event:configure': {
    roles: ['moderator'],
    payload: ConfigureSchema,
    ack: EventAckSchema,
    doc: 'Change the event settings; everyone receives event:changed.',
  },
  'question:submit': {
    roles: ['audience'],
    payload: SubmitSchema,
    ack: QuestionAckSchema,
    doc: 'Ask a question. The text is cleaned and trimmed, then must be 1..maxQuestionLength characters. The ack carries the stored question (status pending).',
  },
  'question:approve': {
    roles: ['moderator'],
    payload: QuestionRefSchema,
    ack: QuestionAckSchema,
    doc: 'Approve a pending (or rejected) question: the audience sees it.',
  },
  'question:reject': {
    roles: ['moderator'],
    payload: RejectSchema,
    ack: QuestionAckSchema,
    doc: 'Reject a pending, approved or live question, with an optional reason only its asker sees.',
  },
  'question:show': {
    roles: ['moderator', 'stage'],
    payload: QuestionRefSchema,
    ack: QuestionAckSchema,
    doc: 'Put an approved question on stage (status live). A question live before returns to approved.',
  },
  'question:answer': {
    roles: ['moderator', 'stage'],
    payload: QuestionRefSchema,
    ack: QuestionAckSchema,
    doc: 'Mark the live question answered; the stage is then empty.',
  },
} as const satisfies Record<
  string,
  { roles: 'any' | readonly Role[]; payload: z.ZodType; ack: z.ZodType; doc: string }
>;
export type ClientEventName = keyof typeof CLIENT_EVENTS;

/** How a question changed, in `question:changed`. `returned`: taken off stage unanswered. */
export const QUESTION_CHANGES = [
  'submitted',
  'approved',
  'rejected',
  'shown',
  'answered',
  'returned',
] as const;

/**
 * Every event the server sends: its payload schema, who receives it, and what it means.
 */
export const SERVER_EVENTS = {
  'question:changed': {
    payload: z.object({
      logId: z.string(),
      change: z.enum(QUESTION_CHANGES),
      question: AnyQuestionSchema,
    }),
    to: 'moderators (full question); audience and stage when the question is or was public (public view); the asker (full question)',
    doc: 'A question was submitted or changed status. Keep the copy with the highest rev.',
  },
  'event:changed': {
    payload: z.object({ logId: z.string(), event: EventInfoSchema }),
    to: 'everyone in the event',
    doc: 'The event settings changed.',
  },
} as const satisfies Record<string, { payload: z.ZodType; to: string; doc: string }>;
export type ServerEventName = keyof typeof SERVER_EVENTS;
export type QuestionChangedPayload = z.infer<(typeof SERVER_EVENTS)['question:changed']['payload']>;
export type EventChangedPayload = z.infer<(typeof SERVER_EVENTS)['event:changed']['payload']>;

/** Typed map for `Socket<ServerToClientEvents, ClientToServerEvents>` on the client. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: z.input<(typeof CLIENT_EVENTS)[E]['payload']>,
    ack: Ack<z.infer<(typeof CLIENT_EVENTS)[E]['ack']>>,
  ) => void;
};
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.infer<(typeof SERVER_EVENTS)[E]['payload']>) => void;
};
/** The ack data type of a client event. */
export type AckData<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENTS)[E]['ack']>;
