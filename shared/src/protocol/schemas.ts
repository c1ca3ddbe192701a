import { z } from 'zod';
import {
  EventCodeSchema,
  EventTitleSchema,
  QuestionLengthLimitSchema,
  RetentionDaysSchema,
  SlowModeSecondsSchema,
} from '../domain/event';
import { QuestionStatusSchema } from '../domain/question';
import { MAX_DISPLAY_NAME_LENGTH, shortText } from '../domain/text';
import { ReasonPolicySchema } from '../moderation/types';

/** Hard cap on any text field on the wire; the event's own limit is checked after cleaning. */
const MAX_WIRE_TEXT = 4000;
const QuestionId = z.string().min(1).max(64);
const SecretKey = z.string().min(1).max(128);
/**
 * A random id the client makes once per intended action and sends again on every
 * retry of it: the server does the action once and answers every retry alike.
 */
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Handshake `auth` of every connection. @example { protocol: 1 } */
export const HandshakeSchema = z.object({ protocol: z.number().int() });

/**
 * Join an event. The audience may bring the token it got last time, so its
 * questions stay its own across reloads.
 * @example { code: 'ACDEFG34', role: 'audience', token: 'p_…' }
 * @example { code: 'ACDEFG34', role: 'moderator', key: '…', name: 'Mei', clientId: 'm_4f9a…' }
 */
export const JoinSchema = z.discriminatedUnion('role', [
  z.object({
    code: EventCodeSchema,
    role: z.literal('audience'),
    token: z.string().max(200).optional(),
  }),
  z.object({
    code: EventCodeSchema,
    role: z.literal('moderator'),
    key: SecretKey,
    /** Shown to the other moderators and in the audit log. */
    name: shortText(MAX_DISPLAY_NAME_LENGTH).optional(),
    /** A random id the browser keeps, so "undo my last action" survives a reload. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
    /** false: a page that only reads (the summary), not shown to others as a moderator at work. */
    present: z.boolean().optional(),
  }),
  z.object({ code: EventCodeSchema, role: z.literal('stage'), key: SecretKey }),
]);
export type JoinPayload = z.input<typeof JoinSchema>;

/**
 * Optional on the wire (scripts and older clients leave it out, and are then not
 * protected against doubles); the web client always sends one.
 * @example { text: 'How can schools protect children online?', name: 'Li', requestId: 'r_8Gk2mQ7xLp' }
 */
export const SubmitSchema = z.object({
  text: z.string().max(MAX_WIRE_TEXT),
  name: shortText(MAX_DISPLAY_NAME_LENGTH).optional(),
  requestId: RequestId.optional(),
});
export type SubmitPayload = z.input<typeof SubmitSchema>;

/** @example { questionId: 'k3J9xQ2mPa1z' } */
export const QuestionRefSchema = z.object({ questionId: QuestionId });
export type QuestionRefPayload = z.input<typeof QuestionRefSchema>;

/**
 * The status the moderator saw when acting. When the question has moved on since
 * (another moderator acted first), the action is refused with CONFLICT and the
 * current question, instead of overriding the other decision.
 */
const Expected = QuestionStatusSchema.optional();

/** A moderator's action on one question. @example { questionId: 'k3J9xQ2mPa1z', expected: 'pending' } */
export const ModerateSchema = z.object({ questionId: QuestionId, expected: Expected });
export type ModeratePayload = z.input<typeof ModerateSchema>;

/**
 * Upvote (up: true) or withdraw it; `requestId` as for question:submit.
 * @example { questionId: 'k3J9xQ2mPa1z', up: true, requestId: 'r_Vt3nQ9sLk2' }
 */
export const VoteSchema = z.object({
  questionId: QuestionId,
  up: z.boolean(),
  requestId: RequestId.optional(),
});
export type VotePayload = z.input<typeof VoteSchema>;

/** Pin or star on (true) or off. @example { questionId: 'k3J9xQ2mPa1z', on: true } */
export const ToggleSchema = z.object({ questionId: QuestionId, on: z.boolean() });
export type TogglePayload = z.input<typeof ToggleSchema>;

/**
 * Replace the public text (typos, redaction); the asker's words and every earlier
 * text stay in the audit log.
 * @example { questionId: 'k3J9xQ2mPa1z', text: 'How can a child ask for help?' }
 */
export const EditSchema = z.object({
  questionId: QuestionId,
  text: z.string().max(MAX_WIRE_TEXT),
  expected: Expected,
});
export type EditPayload = z.input<typeof EditSchema>;

/**
 * Put an approved question into "Up next", or move it there, before `beforeId`
 * (null: at the end). @example { questionId: 'a1', beforeId: 'b2' }
 */
export const QueueMoveSchema = z.object({
  questionId: QuestionId,
  beforeId: QuestionId.nullable(),
});
export type QueueMovePayload = z.input<typeof QueueMoveSchema>;

/** What a moderator is looking at (null: nothing). @example { questionId: 'a1' } */
export const FocusSchema = z.object({ questionId: QuestionId.nullable() });
export type FocusPayload = z.input<typeof FocusSchema>;

/**
 * Every kind of entry the event log holds (written by the server's Lua scripts).
 * Votes are logged too; they are most of a busy log.
 */
export const AUDIT_TYPES = [
  'event.created',
  'event.configured',
  'event.purge',
  'question.submitted',
  'question.approve',
  'question.reject',
  'question.show',
  'question.answer',
  'question.returned',
  'question.merged',
  'question.split',
  'question.edit',
  'question.pin',
  'question.star',
  'question.undo',
  'question.vote',
  'question.unvote',
  'queue.move',
  'queue.remove',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/**
 * A page of the audit log, newest first, older than `before` (a log id) when given;
 * with `types`, only entries of those types.
 * @example { limit: 100 } @example { before: '1763683200000-0', limit: 100 }
 * @example { limit: 100, types: ['question.approve', 'question.reject'] }
 */
export const AuditReadSchema = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}-\d{1,10}$/)
    .optional(),
  limit: z.number().int().min(1).max(500).default(100),
  types: z.array(z.enum(AUDIT_TYPES)).min(1).max(AUDIT_TYPES.length).optional(),
});
export type AuditReadPayload = z.input<typeof AuditReadSchema>;

/** Events that carry no data. @example {} */
export const EmptySchema = z.object({}).strict();
export type EmptyPayload = z.input<typeof EmptySchema>;

/**
 * Approve, optionally with the moderator's edited text, which the public then sees
 * instead of the asker's (required when the filter found safeguarding concerns).
 * @example { questionId: 'k3J9xQ2mPa1z', text: 'How can a child ask for help?' }
 */
export const ApproveSchema = z.object({
  questionId: QuestionId,
  text: z.string().max(MAX_WIRE_TEXT).optional(),
  expected: Expected,
});
export type ApprovePayload = z.input<typeof ApproveSchema>;

/** Put a whole cluster into another one. @example { questionId: 'a1', intoId: 'b2', expected: 'pending' } */
export const MergeSchema = z.object({
  questionId: QuestionId,
  intoId: QuestionId,
  /** The status of questionId the moderator saw. */
  expected: Expected,
});
export type MergePayload = z.input<typeof MergeSchema>;

/** @example { questionId: 'k3J9xQ2mPa1z', reason: 'Already answered earlier' } */
export const RejectSchema = z.object({
  questionId: QuestionId,
  reason: shortText(200).optional(),
  expected: Expected,
});
export type RejectPayload = z.input<typeof RejectSchema>;

/**
 * Characters per term list: both lists at this cap, in CJK, still fit one socket
 * message (the server takes at most 16 KB; docs/SECURITY.md, "Smaller frames").
 */
export const MAX_TERM_LIST_CHARACTERS = 1500;
const TermListSchema = z
  .array(z.string().trim().min(1).max(100))
  .max(500)
  .refine(
    (terms) => terms.reduce((sum, term) => sum + term.length, 0) <= MAX_TERM_LIST_CHARACTERS,
    `At most ${MAX_TERM_LIST_CHARACTERS} characters in a term list`,
  );

/**
 * Change event settings and intake controls (see EventInfo); every field is optional,
 * at least one is required.
 * Blocked terms replace the whole list (any language; evasions are matched too).
 * Allowed terms replace the list of profanity-list words this event lets through
 * (names such as "Wang", everyday words such as "hell").
 * @example { maxQuestionLength: 500, blockedTerms: ['scam', '骗子'], allowedTerms: ['wang'],
 *   policy: { link: 'reject' } }
 */
export const ConfigureSchema = z
  .object({
    maxQuestionLength: QuestionLengthLimitSchema.optional(),
    blockedTerms: TermListSchema.optional(),
    allowedTerms: TermListSchema.optional(),
    policy: ReasonPolicySchema.partial().optional(),
    open: z.boolean().optional(),
    slowModeSeconds: SlowModeSecondsSchema.optional(),
    preModeration: z.boolean().optional(),
    retentionDays: RetentionDaysSchema.optional(),
    /** End the event: questions close for good, and retention starts counting. */
    ended: z.literal(true).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'Nothing to change');
export type ConfigurePayload = z.input<typeof ConfigureSchema>;

/**
 * `GET /api/events/:code/export` query: CSV or JSON; every question the caller may
 * see or only the answered ones; redacted public text, or (moderator key only) the
 * asker's raw text. @example { format: 'csv', scope: 'answered', personal: 'redacted' }
 */
export const ExportQuerySchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  scope: z.enum(['all', 'answered']).default('all'),
  personal: z.enum(['redacted', 'raw']).default('redacted'),
});
export type ExportQuery = z.input<typeof ExportQuerySchema>;

/** `POST /api/events` body. @example { "title": "Ask the ambassador" } */
export const CreateEventSchema = z.object({ title: EventTitleSchema });

/**
 * `POST /api/events` answer (201): the event and its three links. The moderator and
 * stage links carry their secret key in the URL fragment.
 * @example { code: 'ACDEFG34', title: 'Ask the ambassador', audienceUrl: 'https://…/e/ACDEFG34',
 *   moderatorUrl: 'https://…/e/ACDEFG34/moderate#KEY', stageUrl: 'https://…/e/ACDEFG34/stage#KEY' }
 */
export const CreatedEventSchema = z.object({
  code: z.string(),
  title: z.string(),
  audienceUrl: z.string(),
  moderatorUrl: z.string(),
  stageUrl: z.string(),
});
export type CreatedEvent = z.infer<typeof CreatedEventSchema>;
