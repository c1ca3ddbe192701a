/**
 * The question filter: pure, compiled once per event, then a few microseconds per
 * question. See createFilter.
 */
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../domain/event';
import { textLength } from '../../domain/text';
import { DEFAULT_POLICY, FILTER_REASONS } from '../types';
import type { FilterReason, FilterResult, ReasonPolicy } from '../types';
import { createBlockedTermMatcher } from './blocked-terms';
import { isSymbolsOnly, sanitizeText, toMatchingText } from './hygiene';
import { containsLink, looksLikeSpam } from './links-spam';
import { redactPersonalData } from './personal-data';
import { decideVerdict } from './policy';
import { containsProfanity } from './profanity';
import { hasSafeguardingSignal } from './safeguarding';

export { createBlockedTermMatcher } from './blocked-terms';
export { isSymbolsOnly, sanitizeText, toMatchingText } from './hygiene';
export { containsLink, looksLikeSpam } from './links-spam';
export { hasValidIdCheckDigit, redactPersonalData } from './personal-data';
export type { PersonalDataKind } from './personal-data';
export { decideVerdict } from './policy';
export { containsProfanity, createProfanityMatcher } from './profanity';
export { hasSafeguardingSignal } from './safeguarding';

export interface FilterOptions {
  /** The event's blocked terms, any language; blank entries are ignored. */
  blockedTerms?: readonly string[];
  /** Hold or reject per configurable reason; DEFAULT_POLICY when absent. */
  policy?: ReasonPolicy;
  /** Longest question in code points (default 300); longer is `too-long`. */
  maxLength?: number;
}

/**
 * Input beyond this many UTF-16 units per allowed character is cut before any work:
 * it is too long whatever it holds, and the cut bounds the time of every step.
 * (Invisible characters and zalgo marks can make honest text several times longer.)
 */
const RAW_UNITS_PER_CHARACTER = 8;
const MIN_RAW_UNITS = 4_000;

/**
 * Compiles a question filter for one event; call it again when the blocked terms or
 * the policy change. The returned function never throws.
 *
 * @example
 * const filter = createFilter({ blockedTerms: ['坏蛋'] });
 * filter('打13812345678找我')
 * // { verdict: 'hold', reasons: ['personal-data'], text: '打13812345678找我',
 * //   redacted: '打[电话]找我' }
 * filter('   ') // { verdict: 'reject', reasons: ['empty'], text: '', redacted: '' }
 */
export function createFilter(options: FilterOptions = {}): (input: string) => FilterResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const maxLength = options.maxLength ?? DEFAULT_MAX_QUESTION_LENGTH;
  const rawLimit = Math.max(MIN_RAW_UNITS, maxLength * RAW_UNITS_PER_CHARACTER);
  const containsBlockedTerm = createBlockedTermMatcher(options.blockedTerms ?? []);

  return (input) => {
    const whole = String(input);
    const raw = whole.slice(0, rawLimit);
    // What we store and show: Chinese punctuation as typed. Checks that match
    // punctuation read `matching`, where it is ASCII, as plain NFKC makes it.
    const text = sanitizeText(raw);
    if (!text) return { verdict: 'reject', reasons: ['empty'], text, redacted: text };
    const matching = toMatchingText(text);

    const { redacted, kinds } = redactPersonalData(text);
    const found: Record<FilterReason, boolean> = {
      // Code points are never more than UTF-16 units, so short text needs no count.
      'too-long':
        whole.length > rawLimit || (text.length > maxLength && textLength(text) > maxLength),
      empty: false,
      'emoji-only': isSymbolsOnly(matching),
      'personal-data': kinds.length > 0,
      // On the raw text too: bad-words' verdict on what was typed, and on the cleaned
      // text, where hidden characters and full-width letters no longer disguise a word.
      profanity: containsProfanity(raw) || (matching !== raw && containsProfanity(matching)),
      'blocked-term': containsBlockedTerm(matching),
      safeguarding: hasSafeguardingSignal(matching),
      // On the redacted text, so an email address is not also a link.
      link: containsLink(redacted),
      spam: looksLikeSpam(matching),
    };

    const reasons = FILTER_REASONS.filter((reason) => found[reason]);
    return { verdict: decideVerdict(reasons, policy), reasons, text, redacted };
  };
}
