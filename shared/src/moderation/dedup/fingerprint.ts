import { z } from 'zod';
import { SIGNATURE_SIZE, bandKeys, minhashSignature } from './minhash';
import { compareTokens, jaccardIndex, type Comparison } from './similarity';
import { countsTowardOverlap, tokenize } from './tokens';

/**
 * Two questions at or above this similarity are the same question: three fifths of
 * their tokens in common and no difference that changes the question. Chosen for
 * precision first on our own sets (tests/data/dedup-en.tsv: precision 0.96, recall
 * 0.60; dedup-zh.tsv: 0.95, 0.58), never on LCQMC. On LCQMC, held out, it gives
 * precision 0.73 at recall 0.60: many of its pairs differ in ways words cannot show.
 * @example DUPLICATE_THRESHOLD // 0.6
 */
export const DUPLICATE_THRESHOLD = 0.6;

/**
 * Bumped whenever the same text would get other tokens (a lexicon or tokenizer
 * change): fingerprints of another version must be computed again from the text.
 * @example FINGERPRINT_VERSION // 1
 */
export const FINGERPRINT_VERSION = 1;

/**
 * Everything needed to compare a question later, as plain JSON: its tokens (see
 * `tokenize`), the MinHash signature of those that count toward overlap, and one LSH
 * key per band. Questions sharing a band key are the candidates to compare.
 * @example fingerprint('Why is the sky blue?')
 *   // { version: 1, tokens: ['why', 'sky', 'blu'], minhash: [1271564685, …], bands: ['b0:cdd25982', …] }
 */
export const FingerprintSchema = z.object({
  version: z.literal(FINGERPRINT_VERSION),
  tokens: z.array(z.string()),
  minhash: z.array(z.number().int().nonnegative()).length(SIGNATURE_SIZE),
  bands: z.array(z.string()),
});
export type Fingerprint = z.infer<typeof FingerprintSchema>;
/** What a comparison needs of a fingerprint: an index may store only this (and the bands). */
export type Comparable = Pick<Fingerprint, 'tokens'>;

/**
 * The fingerprint of a question. Deterministic: the same text gives the same
 * fingerprint in every process and browser.
 * @example fingerprint('Why is the sky blue?').bands.length // 34
 */
export function fingerprint(text: string): Fingerprint {
  const tokens = tokenize(text);
  const minhash = minhashSignature(tokens.filter(countsTowardOverlap));
  return { version: FINGERPRINT_VERSION, tokens, minhash, bands: bandKeys(minhash) };
}

/**
 * How alike two questions are, in [0, 1]: the share of tokens they have in common,
 * halved by each kind of difference that changes what is asked (see `Comparison`).
 * @example similarity(fingerprint('为啥今年夏天这么热'), fingerprint('今年夏天为什么这么热啊？')) // 1
 * @example similarity(fingerprint('今年夏天为什么这么热'), fingerprint('去年夏天为什么这么热')) // < 0.5
 */
export function similarity(a: Comparable, b: Comparable): number {
  return compareTokens(a.tokens, b.tokens).similarity;
}

/**
 * Whether two questions are the same question (similarity ≥ DUPLICATE_THRESHOLD).
 * @example isDuplicate(fingerprint("Why don't schools teach finance?"),
 *   fingerprint('Why do schools not teach finance?')) // true
 * @example isDuplicate(fingerprint('Why do schools teach finance?'),
 *   fingerprint("Why don't schools teach finance?")) // false
 */
export function isDuplicate(a: Comparable, b: Comparable): boolean {
  // The similarity never exceeds the Jaccard index: most candidates stop here.
  return (
    jaccardIndex(a.tokens, b.tokens) >= DUPLICATE_THRESHOLD &&
    similarity(a, b) >= DUPLICATE_THRESHOLD
  );
}

/**
 * The similarity of two questions with its reasons, for a moderator or a log.
 * @example explainSimilarity(fingerprint('Is it legal to work at 14?'),
 *   fingerprint('Is it legal to work at 15?')).differences
 *   // [{ kind: 'number', a: ['14'], b: ['15'] }, { kind: 'substitution', … }]
 */
export function explainSimilarity(a: Comparable, b: Comparable): Comparison {
  return compareTokens(a.tokens, b.tokens);
}
