import { z } from 'zod';
import { FilterReasonSchema } from '../moderation/types';

/**
 * The life of a question. `live` is the one question on stage now.
 *
 *   held ─┐ (the filter's doubts: a moderator decides)
 *   pending ──approve──▶ approved ──show──▶ live ──answer──▶ answered
 *      │                  ▲  │                │
 *      └──reject──▶ rejected ◀──reject────────┘
 *                         └──approve (a moderator changes their mind)
 *   merged: a near-duplicate inside another question's cluster; `split` makes it
 *   pending again, `merge` puts a whole cluster into another one.
 *
 * Showing a question while another is live returns the other one to approved.
 */
export const QUESTION_STATUSES = [
  'pending',
  'held',
  'approved',
  'live',
  'answered',
  'rejected',
  'merged',
] as const;
export const QuestionStatusSchema = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>;

/** Statuses everybody may see; the rest only moderators and the asker see. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'live', 'answered'];
export const isPublicStatus = (status: QuestionStatus) => PUBLIC_STATUSES.includes(status);

export const QUESTION_ACTIONS = ['approve', 'reject', 'show', 'answer', 'merge', 'split'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

export const TRANSITIONS: Record<
  QuestionAction,
  { from: readonly QuestionStatus[]; to: QuestionStatus }
> = {
  approve: { from: ['pending', 'held', 'rejected'], to: 'approved' },
  reject: { from: ['pending', 'held', 'approved', 'live'], to: 'rejected' },
  show: { from: ['approved'], to: 'live' },
  answer: { from: ['live'], to: 'answered' },
  merge: { from: ['pending', 'held', 'approved', 'rejected'], to: 'merged' },
  split: { from: ['merged'], to: 'pending' },
};

/** The status a question moves to, or null when the action does not apply to it. */
export function nextStatus(current: QuestionStatus, action: QuestionAction): QuestionStatus | null {
  const { from, to } = TRANSITIONS[action];
  return from.includes(current) ? to : null;
}

/**
 * Reasons that keep a question off public screens as it was typed: it may be
 * approved only with a moderator's edited text (safeguarding), or shows redacted
 * until then (personal data).
 */
export const needsEditToApprove = (q: Pick<Question, 'reasons'>) =>
  q.reasons.includes('safeguarding');

/**
 * A question in full, as moderators see it. `rev` grows by one with every change,
 * so a client keeps the newest copy whatever order messages arrive in.
 * @example
 * { id: 'k3J9xQ2mPa1z', text: 'How can children be heard?', publicText: 'How can children be heard?',
 *   authorId: 'p_8f…', authorName: 'Li', status: 'pending', reason: null, reasons: [],
 *   clusterId: 'k3J9xQ2mPa1z', askedBy: 3, votes: 12, score: 981235.2, pinned: false,
 *   starred: false, rev: 1, createdAt: 1763683200000, updatedAt: 1763683200000,
 *   statusAt: 1763683200000, decidedAt: null }
 */
export const QuestionSchema = z.object({
  id: z.string(),
  /** As the asker typed it (cleaned). Moderators and the asker only. */
  text: z.string(),
  /** What public screens show: `text`, redacted when it holds personal data, or a moderator's edit. */
  publicText: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  status: QuestionStatusSchema,
  /** Why a moderator rejected it; shown to the asker only. */
  reason: z.string().nullable(),
  /** Why the filter held it. Moderators only. */
  reasons: z.array(FilterReasonSchema),
  /** The question this one is clustered under (its own id when it leads its cluster). */
  clusterId: z.string(),
  /** How many participants asked this cluster's question (on the cluster's leader). */
  askedBy: z.number().int(),
  /** Upvotes: participants, once each per cluster (on the cluster's leader). */
  votes: z.number().int(),
  /** Popularity rank among approved questions (see `domain/ranking.ts`); higher first. */
  score: z.number(),
  /** Moderators keep a pinned question at the top of the audience's list. */
  pinned: z.boolean(),
  /** A moderator's pick: boosts its rank. */
  starred: z.boolean(),
  rev: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** When it entered its current status (for `live`: since when it is on stage). */
  statusAt: z.number().int(),
  /** When a moderator (or pre-moderation off) first decided on it; null while undecided. */
  decidedAt: z.number().int().nullable(),
});
export type Question = z.infer<typeof QuestionSchema>;

/** A question as everybody sees it: the public text only, no author id, no reasons. */
export const PublicQuestionSchema = QuestionSchema.omit({
  authorId: true,
  reason: true,
  reasons: true,
  publicText: true,
});
export type PublicQuestion = z.infer<typeof PublicQuestionSchema>;

/**
 * A question as its asker sees it: their own words and what the public sees, the
 * moderator's reason, but not the filter's reasons.
 */
export const OwnQuestionSchema = QuestionSchema.omit({ reasons: true });
export type OwnQuestion = z.infer<typeof OwnQuestionSchema>;

export function toPublic(q: Question): PublicQuestion {
  const { authorId: _a, reason: _r, reasons: _rs, publicText, ...rest } = q;
  return { ...rest, text: publicText };
}

export function toOwn(q: Question): OwnQuestion {
  const { reasons: _rs, ...rest } = q;
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

/**
 * A batched vote count (votes:changed) on the copy a client holds: taken when it was
 * read at the rev held or later, but the copy keeps its rev. The count says nothing of
 * the status or text that a newer rev has; taking its rev would make the client drop
 * the question:changed that brings them (on a stage: no question on screen while one
 * is live). Returns `known` itself when nothing changes.
 */
export function withVoteCount<Q extends { rev: number; votes: number; score: number }>(
  known: Q,
  update: { votes: number; score: number; rev: number },
): Q {
  if (update.rev < known.rev) return known;
  if (update.votes === known.votes && update.score === known.score) return known;
  return { ...known, votes: update.votes, score: update.score };
}

/**
 * mergeQuestion for many questions at once (a snapshot): one copy of `byId`, not one
 * per question, which made a 10,000-question join take seconds.
 */
export function mergeQuestions<Q extends { id: string; rev: number }>(
  byId: Readonly<Record<string, Q>>,
  incoming: Iterable<Q>,
): Record<string, Q> {
  const merged = { ...byId };
  for (const question of incoming) {
    const known = merged[question.id];
    if (!known || known.rev < question.rev) merged[question.id] = question;
  }
  return merged;
}
