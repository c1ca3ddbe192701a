import { z } from 'zod';
import { EventInfoSchema, type Role } from '../domain/event';
import { OwnQuestionSchema, PublicQuestionSchema, QuestionSchema } from '../domain/question';
import { ReasonPolicySchema } from '../moderation/types';
import type { Ack } from './errors';
import {
  ApproveSchema,
  AuditReadSchema,
  ConfigureSchema,
  EditSchema,
  EmptySchema,
  FocusSchema,
  MergeSchema,
  JoinSchema,
  ModerateSchema,
  QueueMoveSchema,
  RejectSchema,
  SubmitSchema,
  ToggleSchema,
  VoteSchema,
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
  /** The audience's own upvotes: the cluster leaders it voted for. */
  myVotes: z.array(z.string()).optional(),
  /** "Up next", in order (moderators and the stage). */
  queue: z.array(z.string()).optional(),
  /** Moderators: who else is here and what they look at. */
  presence: z.lazy(() => PresenceSchema).optional(),
  /** Moderators: suspicious up-votes per cluster leader (see votes:suspicious); absent ids: 0. */
  suspiciousVotes: z.record(z.string(), z.number().int()).optional(),
  /**
   * The server's clock when the state was read: clients measure their own clock's
   * offset from it, so times the server gave (on stage since…) count right on a
   * screen whose clock is wrong.
   */
  serverTime: z.number().int(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/**
 * The moderators connected to an event, and the question each is looking at.
 * `name` is '' for a moderator who gave none (clients name them in their language).
 */
export const PresenceSchema = z.array(
  z.object({ id: z.string(), name: z.string(), focus: z.string().nullable() }),
);
export type Presence = z.infer<typeof PresenceSchema>;

/**
 * One entry of the audit log (the event's Redis stream): who did what, when.
 * `actor` is the moderator's id and name ('' when they gave none), 'stage', or the
 * participant id of an asker or voter (name '');
 * `details` holds what the action changed (e.g. `from`/`to` status, the `before`
 * and `after` text of an edit).
 * @example { logId: '1763683200000-0', at: 1763683200000, type: 'question.approve',
 *   questionId: 'k3J9xQ2mPa1z', actor: { id: 'm_4f9a…', name: 'Mei' }, details: { from: 'pending' } }
 */
export const AuditEntrySchema = z.object({
  logId: z.string(),
  at: z.number().int(),
  type: z.string(),
  questionId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string() }),
  details: z.record(z.string(), z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * An event at a glance, for the summary page: questions per minute since it began,
 * counts by status and by filter reason, the biggest clusters, and what was answered.
 */
export const SummarySchema = z.object({
  event: EventInfoSchema,
  perMinute: z.array(z.object({ minute: z.number().int(), questions: z.number().int() })),
  byStatus: z.record(z.string(), z.number().int()),
  byReason: z.record(z.string(), z.number().int()),
  topClusters: z.array(QuestionSchema),
  answered: z.array(QuestionSchema),
});
export type Summary = z.infer<typeof SummarySchema>;

/** The stage after `stage:next` or `stage:skip`: what is live now, and what left. */
/** The stage gets the public view (never the asker's words); moderators the full question. */
const StageAckSchema = z.object({
  live: AnyQuestionSchema.nullable(),
  previous: AnyQuestionSchema.nullable(),
});

const QuestionAckSchema = z.object({ question: QuestionSchema });
/** Acks of events the stage may send too: the view of the sender's role. */
const ViewAckSchema = z.object({ question: AnyQuestionSchema });
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
    doc: 'Ask a question. The filter then passes it (status pending), holds it for the moderators (status held), or turns it away (REJECTED with reasons; nothing is stored). A near-duplicate of an earlier question joins its cluster (status merged, clusterId = that question); asking the same again yourself is REJECTED as spam. A retry with the same requestId (within 24 hours) stores nothing and is answered with the question the first attempt stored, as it is now.',
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
    payload: ModerateSchema,
    ack: ViewAckSchema,
    doc: 'Put an approved question on stage (status live). A question live before returns to approved.',
  },
  'question:answer': {
    roles: ['moderator', 'stage'],
    payload: ModerateSchema,
    ack: ViewAckSchema,
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
    payload: ModerateSchema,
    ack: QuestionAckSchema,
    doc: 'Take a merged question out of its cluster: it leads its own cluster again, as pending.',
  },
  'question:vote': {
    roles: ['audience'],
    payload: VoteSchema,
    ack: z.object({ questionId: z.string(), votes: z.number().int(), voted: z.boolean() }),
    doc: "Upvote a public question (up: true) or withdraw the vote. A vote counts once per participant per cluster: voting for a merged question votes for its leader, whose id the ack names. Counts reach everyone in batches (votes:changed). A retry with the same requestId (within 24 hours) changes nothing and gets the first attempt's ack again.",
  },
  'question:pin': {
    roles: ['moderator'],
    payload: ToggleSchema,
    ack: QuestionAckSchema,
    doc: 'Pin (on: true) or unpin a question: pinned questions head the audience list.',
  },
  'question:star': {
    roles: ['moderator'],
    payload: ToggleSchema,
    ack: QuestionAckSchema,
    doc: 'Star or unstar a question: a moderator pick, which raises its rank.',
  },
  'question:edit': {
    roles: ['moderator'],
    payload: EditSchema,
    ack: QuestionAckSchema,
    doc: 'Replace the public text of a question (typos, redaction). The text is filtered again: an edit that still holds personal data or safeguarding concerns is refused (CONFLICT). The asker’s words stay as typed; every earlier public text stays in the audit log.',
  },
  'queue:move': {
    roles: ['moderator'],
    payload: QueueMoveSchema,
    ack: z.object({ queue: z.array(z.string()) }),
    doc: 'Put an approved question into "Up next" before beforeId (null: at the end), or move it there if it is in already. Moderators and the stage receive queue:changed.',
  },
  'queue:remove': {
    roles: ['moderator'],
    payload: ModerateSchema,
    ack: z.object({ queue: z.array(z.string()) }),
    doc: 'Take a question out of "Up next" (it stays approved).',
  },
  'stage:next': {
    roles: ['moderator', 'stage'],
    payload: EmptySchema,
    ack: StageAckSchema,
    doc: 'In one step: the live question (if any) is answered, and the head of "Up next" goes on stage (or, with "Up next" empty, the most popular approved question). The stage is empty when there is none.',
  },
  'stage:skip': {
    roles: ['moderator', 'stage'],
    payload: EmptySchema,
    ack: StageAckSchema,
    doc: 'Like stage:next, but the live question goes back to approved, unanswered.',
  },
  'moderator:focus': {
    roles: ['moderator'],
    payload: FocusSchema,
    ack: z.object({}),
    doc: 'Tell the other moderators which question you are looking at (null: none). They receive presence:changed.',
  },
  'moderator:undo': {
    roles: ['moderator'],
    payload: EmptySchema,
    ack: z.object({ questions: z.array(QuestionSchema) }),
    doc: 'Undo your own last undoable action (approve, reject, show, answer, edit, pin, star, merge, split), when nobody changed the questions since: they get their earlier state back. NOTHING_TO_UNDO otherwise; CONFLICT with the current question when someone acted on it since.',
  },
  'audit:read': {
    roles: ['moderator'],
    payload: AuditReadSchema,
    ack: z.object({
      entries: z.array(AuditEntrySchema),
      /** Where the next older page starts (its `before`); null at the log's start. */
      older: z.string().nullable(),
    }),
    doc: 'A page of the audit log, newest first: every submission and every moderator and stage action, with who and when. With `types`, only those entries: the server reads on (up to a bound per call) until the page is full, and `older` says where to go on.',
  },
  'event:summary': {
    roles: ['moderator'],
    payload: EmptySchema,
    ack: SummarySchema,
    doc: 'The event at a glance (questions per minute, counts by status and reason, top clusters, answered questions with times).',
  },
  'event:purge': {
    roles: ['moderator'],
    payload: EmptySchema,
    ack: z.object({ purged: z.number().int() }),
    doc: 'Purge now what retention would purge later: the raw text of held and redacted questions is replaced by its redacted form (also done by the server once retentionDays have passed since the event ended).',
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
  'edited',
  'pinned',
  'starred',
  'undone',
  'purged',
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
    doc: 'A question was submitted or changed (status, text, pin, star, cluster). Keep the copy with the highest rev.',
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
  'votes:changed': {
    payload: z.object({
      updates: z.array(
        z.object({
          id: z.string(),
          votes: z.number().int(),
          score: z.number(),
          rev: z.number().int(),
        }),
      ),
    }),
    to: 'everyone in the event',
    doc: 'Vote counts and ranking scores that changed, in batches (at most one message per 250 ms per event and server process). Apply an update only when its rev is at least the rev you hold.',
  },
  'queue:changed': {
    payload: z.object({ logId: z.string(), queue: z.array(z.string()) }),
    to: 'moderators and the stage',
    doc: '"Up next" changed: its ids in order.',
  },
  'presence:changed': {
    payload: z.object({ presence: PresenceSchema }),
    to: 'moderators',
    doc: 'A moderator came, left, or looks at another question.',
  },
  'votes:suspicious': {
    payload: z.object({ questionId: z.string(), votes: z.number().int() }),
    to: 'moderators',
    doc: 'A question (cluster leader) got another up-vote that looks scripted: from a participant minted on its socket within the last minutes, from an address that already gave this question several such votes. `votes` is its count of them now. The votes still count; moderators judge.',
  },
  'event:resync': {
    payload: z.object({ withinMs: z.number().int().nonnegative() }),
    to: 'everyone in an event that changed shortly before a server process died; moderators and the stage get withinMs 0',
    doc: 'A server process died, possibly before publishing a change it had stored. Join again (event:join, same socket) at a random moment within `withinMs` and replace local state with the snapshot, as after a reconnect.',
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
