/**
 * The question filter: pure, compiled once per event, then a few microseconds per
 * question. See createFilter.
 */
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../domain/event';
import { textLength } from '../../domain/text';
import { DEFAULT_POLICY, FILTER_REASONS } from '../types';
import type { FilterReason, FilterResult, ReasonPolicy } from '../types';
import { createBlockedTermMatcher } from './blocked-terms';
import { isSymbolsOnly, sanitizeText } from './hygiene';
import { containsLink, looksLikeSpam } from './links-spam';
import { redactPersonalData } from './personal-data';
import { verdictFor } from './policy';
import { matchingFormMayDiffer, profanityCheckAllowing } from './profanity';
import { hasSafeguardingSignal } from './safeguarding';

export { createBlockedTermMatcher } from './blocked-terms';
export { isSymbolsOnly, sanitizeText, toMatchingText } from './hygiene';
export { containsLink, looksLikeSpam } from './links-spam';
export { hasValidIdCheckDigit, redactPersonalData } from './personal-data';
export type { PersonalDataKind } from './personal-data';
export { decideVerdict } from './policy';
export { containsProfanity, createProfanityMatcher, profanityCheckAllowing } from './profanity';
export { hasSafeguardingSignal } from './safeguarding';

export interface FilterOptions {
  /** The event's blocked terms, any language; blank entries are ignored. */
  blockedTerms?: readonly string[];
  /** Words of the profanity list this event lets through ("Wang", "God"). */
  allowedTerms?: readonly string[];
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

/** One bit per reason, in the order of FILTER_REASONS (the order `reasons` lists them). */
const BIT = Object.fromEntries(FILTER_REASONS.map((reason, i) => [reason, 1 << i])) as Record<
  FilterReason,
  number
>;

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
 * filter('ｈｉ，QQ：12345678') // text 'hi，QQ：12345678', redacted 'hi，QQ：[QQ]'
 */
export function createFilter(options: FilterOptions = {}): (input: string) => FilterResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const maxLength = options.maxLength ?? DEFAULT_MAX_QUESTION_LENGTH;
  const rawLimit = Math.max(MIN_RAW_UNITS, maxLength * RAW_UNITS_PER_CHARACTER);
  const containsBlockedTerm = createBlockedTermMatcher(options.blockedTerms ?? []);
  const profanity = profanityCheckAllowing(options.allowedTerms ?? []);
  const verdictOf = verdictFor(policy);

  const filter = (input: string): FilterResult => {
    const whole = String(input);
    const raw = whole.slice(0, rawLimit);
    // What we store and show, Chinese punctuation as typed; every check reads that
    // punctuation as its ASCII twin (see toMatchingText), as after plain NFKC.
    const text = sanitizeText(raw);
    if (!text) return { verdict: 'reject', reasons: ['empty'], text, redacted: text };

    const { redacted, kinds } = redactPersonalData(text);
    let found = 0;
    // Code points are never more than UTF-16 units, so short text needs no count.
    if (whole.length > rawLimit || (text.length > maxLength && textLength(text) > maxLength)) {
      found |= BIT['too-long'];
    }
    if (isSymbolsOnly(text)) found |= BIT['emoji-only'];
    if (kinds.length > 0) found |= BIT['personal-data'];
    // On the raw text too: bad-words' verdict on what was typed, and on the cleaned
    // text, where hidden characters and full-width letters no longer disguise a word.
    if (
      profanity.inText(raw) ||
      ((text !== raw || matchingFormMayDiffer(text)) && profanity.inMatchingForm(text))
    ) {
      found |= BIT.profanity;
    }
    if (containsBlockedTerm(text)) found |= BIT['blocked-term'];
    if (hasSafeguardingSignal(text)) found |= BIT.safeguarding;
    // On the redacted text, so an email address is not also a link.
    if (containsLink(redacted)) found |= BIT.link;
    if (looksLikeSpam(text)) found |= BIT.spam;

    const reasons: FilterReason[] = [];
    for (let i = 0; found !== 0; i++, found >>>= 1) {
      if (found & 1) reasons.push(FILTER_REASONS[i]!);
    }
    return { verdict: verdictOf(reasons), reasons, text, redacted };
  };
  if (!warmedUp) {
    warmedUp = true;
    for (let round = 0; round < 3; round++) for (const question of WARM_UP) filter(question);
  }
  return filter;
}

/**
 * Questions down every path of the filter, in ASCII and in Chinese text. V8 compiles
 * a RegExp when first used (and again, to machine code, soon after), apart for
 * one-byte and two-byte text; the pre-checks make many first uses rare, so the first
 * filter of a process runs these once rather than leave a later question to pay.
 */
const WARM_UP = [
  'What can children do? Mail kid@example.com, kid(at)example dot com, see bit.ly/x',
  'Call me at 415-555-2671 or +44 20 7946 0958; SSN 123-45-6789; 12 Oak Street, Apt 3',
  'I live at 12 oak street. Tom, grade 3, Lincoln Elementary; a 3rd grader at Lincoln Elementary',
  'I want to die, my dad hits me, send me a pic, meet me, how old are you? Damn.',
  'SOOOOOOOOO GOOD GOOD GOOD GOOD GOOD!!!!!!!!!! WHY IS NOBODY ANSWERING MY QUESTION',
  '我想死，他打我，加我微信，你几岁？电话13812345678，QQ：12345678，微信号：abc_123',
  '身份证110101200501011239，家住北京市海淀区中关村大街27号，阳光小区3栋2单元501室',
  '北京市第一中学初二（3）班王小明，哈哈哈哈哈哈哈哈哈哈，（010）12345678 ｈｅｌｌｏ…',
  '\u202Ebad\u200B 👩\u200D💻 e\u0301\u0302\u0303 ſ·µ 한국 ａｂｃ http://x.io/a',
];
let warmedUp = false;
