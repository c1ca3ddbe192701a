import { z } from 'zod';

/**
 * Why the filter held or rejected a question. Machine-readable; the client maps
 * them to words.
 */
export const FILTER_REASONS = [
  'profanity',
  'blocked-term',
  'personal-data',
  'safeguarding',
  'link',
  'spam',
  'too-long',
  'empty',
  'emoji-only',
] as const;
export const FilterReasonSchema = z.enum(FILTER_REASONS);
export type FilterReason = z.infer<typeof FilterReasonSchema>;

export type Verdict = 'pass' | 'hold' | 'reject';

/** Reasons whose action moderators choose per event; the others are fixed (see below). */
export const CONFIGURABLE_REASONS = [
  'profanity',
  'blocked-term',
  'personal-data',
  'link',
  'spam',
] as const satisfies readonly FilterReason[];
export type ConfigurableReason = (typeof CONFIGURABLE_REASONS)[number];

/** What each configurable reason does to a question. @example { profanity: 'reject' } */
export const ReasonPolicySchema = z.object(
  Object.fromEntries(CONFIGURABLE_REASONS.map((r) => [r, z.enum(['hold', 'reject'])])) as Record<
    ConfigurableReason,
    z.ZodEnum<{ hold: 'hold'; reject: 'reject' }>
  >,
);
export type ReasonPolicy = z.infer<typeof ReasonPolicySchema>;

/**
 * Defaults: a person looks at anything doubtful; only spam is turned away unseen.
 * Fixed: `safeguarding` always holds (a child at risk must reach a human, so it
 * also outranks any reject); `too-long`, `empty`, `emoji-only` always reject.
 */
export const DEFAULT_POLICY: ReasonPolicy = {
  profanity: 'hold',
  'blocked-term': 'hold',
  'personal-data': 'hold',
  link: 'hold',
  spam: 'reject',
};

/**
 * The filter's answer for one question.
 * @example { verdict: 'hold', reasons: ['personal-data'], text: '打13812345678找我',
 *   redacted: '打[电话]找我' }
 */
export interface FilterResult {
  verdict: Verdict;
  reasons: FilterReason[];
  /** The cleaned text (NFKC, no control or bidi characters, zalgo collapsed, trimmed). */
  text: string;
  /** `text` with personal data replaced by placeholders; equals `text` when there is none. */
  redacted: string;
}
