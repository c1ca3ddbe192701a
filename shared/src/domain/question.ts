import { z } from 'zod';

/**
 * The life of a question. `live` is the one question on stage now.
 *
 *   pending ──approve──▶ approved ──show──▶ live ──answer──▶ answered
 *      │                  ▲  │                │
 *      └──reject──▶ rejected ◀──reject────────┘
 *                         └──approve (a moderator changes their mind)
 *
 * Showing a question while another is live returns the other one to approved.
 */
export const QUESTION_STATUSES = ['pending', 'approved', 'live', 'answered', 'rejected'] as const;
export const QuestionStatusSchema = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>;

/** Statuses everybody may see; the rest only moderators and the asker see. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'live', 'answered'];
export const isPublicStatus = (status: QuestionStatus) => PUBLIC_STATUSES.includes(status);

export const QUESTION_ACTIONS = ['approve', 'reject', 'show', 'answer'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

export const TRANSITIONS: Record<
  QuestionAction,
  { from: readonly QuestionStatus[]; to: QuestionStatus }
> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending', 'approved', 'live'], to: 'rejected' },
  show: { from: ['approved'], to: 'live' },
  answer: { from: ['live'], to: 'answered' },
};

/** The status a question moves to, or null when the action does not apply to it. */
export function nextStatus(current: QuestionStatus, action: QuestionAction): QuestionStatus | null {
  const { from, to } = TRANSITIONS[action];
  return from.includes(current) ? to : null;
}

/**
 * A question as moderators and its asker see it. `rev` grows by one with every
 * change, so a client keeps the newest copy whatever order messages arrive in.
 * @example
 * { id: 'k3J9xQ2mPa1z', text: 'How can children be heard?', authorId: 'p_8f…',
 *   authorName: 'Li', status: 'pending', reason: null, rev: 1,
 *   createdAt: 1763683200000, updatedAt: 1763683200000 }
 */
export const QuestionSchema = z.object({
  id: z.string(),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  status: QuestionStatusSchema,
  /** Why a moderator rejected it; shown to the asker only. */
  reason: z.string().nullable(),
  rev: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Question = z.infer<typeof QuestionSchema>;

/** A question as everybody sees it: no author id, no rejection reason. */
export const PublicQuestionSchema = QuestionSchema.omit({ authorId: true, reason: true });
export type PublicQuestion = z.infer<typeof PublicQuestionSchema>;

export function toPublic({ authorId: _a, reason: _r, ...rest }: Question): PublicQuestion {
  return rest;
}

/** Keeps the newest revision of each question: the one merge rule of every client. */
export function mergeQuestion<Q extends { id: string; rev: number }>(
  byId: Readonly<Record<string, Q>>,
  incoming: Q,
): Record<string, Q> {
  const known = byId[incoming.id];
  if (known && known.rev >= incoming.rev) return byId as Record<string, Q>;
  return { ...byId, [incoming.id]: incoming };
}
