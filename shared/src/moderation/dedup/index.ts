/**
 * Near-duplicate detection for short live-chat questions in Chinese and English.
 * Pure: no I/O, the same in the server and the browser.
 *
 * A question becomes tokens (`tokenize`): words that decide what it asks, with
 * particles, politeness and question-word variants folded away; English words
 * stemmed, Chinese as characters and the pairs inside words. Two questions compare by
 * the share of tokens they have in common, halved by each difference that changes the
 * question (a number, a negation, opposite words, the kind of question, swapped
 * roles, a specific word), and lowered when each has words the other lacks. A
 * `fingerprint` holds the tokens, a MinHash signature and LSH band keys: an index
 * keeps, per band key, the questions that have it, and compares a new question only
 * with those (see `minhash.ts` for the probabilities).
 */
export {
  DUPLICATE_THRESHOLD,
  FINGERPRINT_VERSION,
  FingerprintSchema,
  explainSimilarity,
  fingerprint,
  isDuplicate,
  similarity,
} from './fingerprint';
export type { Fingerprint } from './fingerprint';
export { LSH_BANDS, LSH_ROWS, SIGNATURE_SIZE } from './minhash';
export { COMPARISON_WORDS, DIFFERENCE_FACTORS } from './similarity';
export type { Comparison, Difference, DifferenceKind } from './similarity';
export { normalize, tokenize } from './tokens';
export type { Comparable } from './fingerprint';
export { closestDuplicate, createDedupIndex, MAX_CANDIDATES, rankByBandHits } from './cluster';
