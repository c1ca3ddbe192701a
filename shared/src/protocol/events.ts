import { z } from 'zod';
import { EventInfoSchema, type Role } from '../domain/event';
import { OwnQuestionSchema, PublicQuestionSchema, QuestionSchema } from '../domain/question';
import { ReasonPolicySchema } from '../moderation/types';
import type { Ack } from './errors';
import {
  ApproveSchema,
  ConfigureSchema,
  MergeSchema,
  JoinSchema,
  QuestionRefSchema,
  RejectSchema,
  SubmitSchema,
} from './schemas';

const AnyQuestionSchema = z.union([QuestionSchema, OwnQuestionSchema, PublicQuestionSchema]);

/** Settings only moderators see: publishing blocked terms would teach how to evade them. */
export const ModerationSettingsSchema = z.object({
  blockedTerms: z.array(z.string()),
  allowedTerms: z.array(z.string()),
  policy: ReasonPolicySchema,
});
export type ModerationSettings = z.infer<typeof ModerationSettingsSchema>;

/**
 * What a socket gets when it joins: the whole current state for its role.
 * Moderators get every question in full and the moderation settings; the audience
 * and the stage get public questions, and the audience also its own questions and
 * its token. `logId` is the event log's id when the state was read.
 */
export const SnapshotSchema = z.object({
  role: z.enum(['audience', 'moderator', 'stage']),
  event: EventInfoSchema,
  logId: z.string(),
  questions: z.array(AnyQuestionSchema),
  participant: z.object({ id: z.string(), token: z.string() }).optional(),
  mine: z.array(OwnQuestionSchema).optional(),
  settings: ModerationSettingsSchema.optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const QuestionAckSchema = z.object({ question: QuestionSchema });
const EventAckSchema = z.object({ event: EventInfoSchema, settings: ModerationSettingsSchema });

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
    doc: 'Change the event settings: question length, blocked terms, which filter reasons hold and which reject. Everyone receives event:changed (moderators with the settings). New questions are filtered with the new settings at once.',
  },
  'question:submit': {
    roles: ['audience'],
    payload: SubmitSchema,
    ack: z.object({ question: OwnQuestionSchema }),
    doc: 'Ask a question. The filter then passes it (status pending), holds it for the moderators (status held), or turns it away (REJECTED with reasons; nothing is stored). A near-duplicate of an earlier question joins its cluster (status merged, clusterId = that question); asking the same again yourself is REJECTED as spam.',
  },
  'question:approve': {
    roles: ['moderator'],
    payload: ApproveSchema,
    ack: QuestionAckSchema,
    doc: 'Approve a pending, held or rejected question: the audience sees its public text (redacted if it holds personal data), or the edited `text` when given. A question held for safeguarding is approved only with an edited text, and an edit that still holds personal data or safeguarding concerns is refused (CONFLICT).',
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
  'question:merge': {
    roles: ['moderator'],
    payload: MergeSchema,
    ack: QuestionAckSchema,
    doc: 'Merge the cluster led by questionId into the cluster led by intoId: its askers count for intoId, and it becomes merged. The ack carries the updated leader intoId.',
  },
  'question:split': {
    roles: ['moderator'],
    payload: QuestionRefSchema,
    ack: QuestionAckSchema,
    doc: 'Take a merged question out of its cluster: it leads its own cluster again, as pending.',
  },
} as const satisfies Record<
  string,
  { roles: 'any' | readonly Role[]; payload: z.ZodType; ack: z.ZodType; doc: string }
>;
export type ClientEventName = keyof typeof CLIENT_EVENTS;

/**
 * How a question changed, in `question:changed`. `returned`: taken off stage unanswered;
 * `merged`/`split`: a moderator merged clusters or split a question out.
 */
export const QUESTION_CHANGES = [
  'submitted',
  'merged',
  'split',
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
    to: 'moderators (full question); audience and stage when the question is or was public (public view); the asker (their own view: their words, no filter reasons)',
    doc: 'A question was submitted or changed status. Keep the copy with the highest rev.',
  },
  'event:changed': {
    payload: z.object({
      logId: z.string(),
      event: EventInfoSchema,
      settings: ModerationSettingsSchema.optional(),
    }),
    to: 'everyone in the event; moderators also get the settings',
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
