import {
  COMMON_HAN,
  DISTINCT_QUESTION_WORDS,
  NEGATIONS,
  OPPOSITIONS,
  PERSONS,
  ZH_QUESTION_WORDS,
} from './lexicon';
import {
  countsTowardOverlap,
  isCharPair,
  isQuestionWord,
  PRONOUNS,
  stemEnglish,
  ZH_WHOLE,
} from './tokens';

/**
 * A kind of difference that usually makes two close questions different ones.
 * - `number`: a number only one has ("16" vs "17", "in 2024").
 * - `negation`: one negates where the other does not ("why do" vs "why don't").
 * - `contrast`: they take different sides of an opposition ("boys" vs "girls",
 *   "你" vs "我"), or one takes a side the other leaves out ("least favourite").
 * - `question`: they ask for a different kind of answer ("why" vs "when").
 * - `order`: the same words swap roles ("杨幂喜欢谁" vs "谁喜欢杨幂").
 * - `specific`: one has an uncommon character the other lacks ("猫", "醋"), or
 *   repeats one to point at it ("破釜沉舟的釜是什么意思").
 * - `substitution`: each has content words the other lacks ("piano" vs "chess").
 * @example 'negation'
 */
export type DifferenceKind =
  'number' | 'negation' | 'contrast' | 'question' | 'order' | 'specific' | 'substitution';

/**
 * What each kind of difference keeps of the overlap. A hard difference halves it, so
 * one is enough to keep two questions apart at the threshold; a substitution may be
 * a synonym, so it only lowers the overlap a long question needs. Chosen on our own
 * sets (tests/data/dedup-*.tsv), never on LCQMC. All are ≤ 1: the similarity never
 * exceeds the Jaccard index the LSH bands are built for (see `minhash.ts`).
 * @example DIFFERENCE_FACTORS.number // 0.5
 */
export const DIFFERENCE_FACTORS: Readonly<Record<DifferenceKind, number>> = {
  number: 0.5,
  negation: 0.5,
  contrast: 0.5,
  question: 0.5,
  order: 0.5,
  specific: 0.5,
  substitution: 0.85,
};

/**
 * One difference found between two questions, with the tokens of each that show it
 * (for `order`, the words each puts first).
 * @example { kind: 'number', a: ['16'], b: ['17'] }
 */
export interface Difference {
  kind: DifferenceKind;
  a: string[];
  b: string[];
}

/**
 * Why two questions are or are not the same.
 * @example compareTokens(['why', 'not', 'school', 'teach'], ['why', 'school', 'teach'])
 *   // { similarity: 0.375, jaccard: 0.75, shared: ['why', 'school', 'teach'], onlyA: ['not'],
 *   //   onlyB: [], differences: [{ kind: 'negation', a: ['not'], b: [] }] }
 */
export interface Comparison {
  /** `jaccard` times the factor of each kind of difference found, in [0, 1]. */
  similarity: number;
  /** Shared tokens over all tokens (pronouns left out). */
  jaccard: number;
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  differences: Difference[];
}

/**
 * The share of tokens two lists have in common (pronouns left out), an upper bound
 * of their similarity: `isDuplicate` skips the rest of the comparison below it.
 * @example jaccardIndex(['why', 'sky', 'blue'], ['why', 'sea', 'blue']) // 0.5
 */
export function jaccardIndex(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  let shared = 0;
  for (const token of a) if (inB.has(token) && countsTowardOverlap(token)) shared++;
  const union = countOverlap(a) + countOverlap(b) - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Compares two token lists (from `tokenize`): their overlap, lowered by each kind of
 * difference that changes what is asked. Symmetric; 0 when either has no tokens.
 * @example compareTokens(tokenize('Is it safe to drink coffee every day?'),
 *   tokenize('Is drinking coffee every day safe?')).similarity // 1
 */
export function compareTokens(a: readonly string[], b: readonly string[]): Comparison {
  const inB = new Set(b);
  const shared = a.filter((token) => inB.has(token));
  const inShared = new Set(shared);
  const onlyA = a.filter((token) => !inShared.has(token));
  const onlyB = b.filter((token) => !inShared.has(token));
  const common = countOverlap(shared);
  const union = countOverlap(a) + countOverlap(b) - common;
  const jaccard = union === 0 ? 0 : common / union;
  const differences = findDifferences(a, b, onlyA, onlyB, inShared);
  let similarity = jaccard;
  for (const { kind } of differences) similarity *= DIFFERENCE_FACTORS[kind];
  return { similarity, jaccard, shared, onlyA, onlyB, differences };
}

function countOverlap(tokens: readonly string[]): number {
  let n = 0;
  for (const token of tokens) if (countsTowardOverlap(token)) n++;
  return n;
}

function findDifferences(
  a: readonly string[],
  b: readonly string[],
  onlyA: readonly string[],
  onlyB: readonly string[],
  shared: ReadonlySet<string>,
): Difference[] {
  const differences: Difference[] = [];
  const found = (kind: DifferenceKind, [inA, inB]: [string[], string[]]): void => {
    if (inA.length + inB.length > 0) differences.push({ kind, a: inA, b: inB });
  };
  found('number', both(onlyA, onlyB, isNumber));
  const negations = both(onlyA, onlyB, isNegation);
  if (negations[0].length !== negations[1].length) found('negation', negations);
  found('contrast', findContrast(onlyA, onlyB));
  found('question', both(onlyA, onlyB, isDistinctQuestionWord));
  found('order', findSwappedRoles(a, b, shared));
  found('specific', both(onlyA, onlyB, isSpecific));
  const content = both(onlyA, onlyB, countsTowardOverlap);
  if (content[0].length && content[1].length) found('substitution', content);
  return differences;
}

function both(
  onlyA: readonly string[],
  onlyB: readonly string[],
  test: (token: string) => boolean,
): [string[], string[]] {
  return [onlyA.filter(test), onlyB.filter(test)];
}

function isNumber(token: string): boolean {
  return /\d/.test(token) && !token.includes('#');
}

function isNegation(token: string): boolean {
  return NEGATIONS.has(token);
}

function isDistinctQuestionWord(token: string): boolean {
  return DISTINCT_QUESTION_WORDS.has(token);
}

const COMMON: ReadonlySet<string> = new Set(COMMON_HAN);
const SINGLE_HAN = /^\p{Script=Han}$/u;

function isSpecific(token: string): boolean {
  const repeat = token.indexOf('#');
  const unit = repeat < 0 ? token : token.slice(0, repeat);
  return unit.length <= 2 && SINGLE_HAN.test(unit) && (repeat >= 0 || !COMMON.has(unit));
}

/** Where an opposition word stands: its opposition, its side, and whether it counts alone. */
export interface Stand {
  opposition: number;
  side: number;
  /** English words of `OPPOSITIONS` mark a question even when the other takes no side. */
  alone: boolean;
}

const STANDS_OF: ReadonlyMap<string, readonly Stand[]> = (() => {
  const stands = new Map<string, Stand[]>();
  [...PERSONS, ...OPPOSITIONS].forEach((entry, opposition) => {
    entry.split('|').forEach((words, side) => {
      for (const word of words.trim().split('/')) {
        const english = /[a-z]/.test(word);
        const key = english ? stemEnglish(word) : word;
        const alone = english && opposition >= PERSONS.length;
        stands.set(key, [...(stands.get(key) ?? []), { opposition, side, alone }]);
      }
    });
  });
  return stands;
})();

/**
 * Tokens that take a side the other question does not take: an English opposition
 * word only one has ("least", "again"), or any opposition word or pronoun facing
 * another side of its opposition in the other question ("男" vs "女", "你" vs "我").
 */
function findContrast(onlyA: readonly string[], onlyB: readonly string[]): [string[], string[]] {
  const sidedA = onlyA.filter(hasStand);
  const sidedB = onlyB.filter(hasStand);
  return [sidedA.filter((t) => takesSide(t, sidedB)), sidedB.filter((t) => takesSide(t, sidedA))];
}

function hasStand(token: string): boolean {
  return STANDS_OF.has(token);
}

function takesSide(token: string, others: readonly string[]): boolean {
  const stands = STANDS_OF.get(token);
  if (!stands) return false;
  for (const stand of stands) {
    if (stand.alone) return true;
    for (const other of others) {
      for (const o of STANDS_OF.get(other) ?? []) {
        if (o.opposition === stand.opposition && o.side !== stand.side) return true;
      }
    }
  }
  return false;
}

/**
 * A unit whose place can show a role: not a character pair, a repeat, a question
 * word, or an English pronoun (English shows its role by its form, I/me, which
 * normalization folds: "your hardest role", "the hardest for you").
 */
function isAnchor(token: string): boolean {
  return (
    !token.includes('#') &&
    !isCharPair(token) &&
    !isQuestionWord(token) &&
    (countsTowardOverlap(token) || !/^[a-z]/.test(token))
  );
}

/**
 * Shared words that swap sides around another shared word: "杨幂 喜欢 谁" vs
 * "谁 喜欢 杨幂", "children … privacy … parents" vs "parents … privacy … children".
 * A block that only moves ("红米手机怎么辨别" vs "怎么辨别红米手机") crosses every
 * word in one direction and is no swap. Repeated characters cannot anchor an order,
 * and question words move freely.
 */
function findSwappedRoles(
  a: readonly string[],
  b: readonly string[],
  shared: ReadonlySet<string>,
): [string[], string[]] {
  const repeated = new Set<string>();
  for (const token of [...a, ...b]) {
    const mark = token.indexOf('#');
    if (mark >= 0) repeated.add(token.slice(0, mark));
  }
  const anchors = (tokens: readonly string[]): string[] =>
    tokens.filter((t) => shared.has(t) && !repeated.has(t) && isAnchor(t));
  const orderA = anchors(a);
  const positionInB = new Map(anchors(b).map((token, i) => [token, i]));
  // Where each anchor of a stands in b, in a's order; a pivot p has a swap around it
  // when an earlier anchor comes after it in b and a later one before it.
  const inB = orderA.map((token) => positionInB.get(token) ?? -1);
  const latestBefore: number[] = [];
  inB.forEach((position, i) => latestBefore.push(Math.max(latestBefore[i - 1] ?? -1, position)));
  let earliestAfter = Infinity;
  for (let p = inB.length - 1; p > 0; p--) {
    const pivot = inB[p] ?? -1;
    if ((latestBefore[p - 1] ?? -1) > pivot && earliestAfter < pivot) {
      return [
        orderA.slice(0, p).filter((_, i) => (inB[i] ?? -1) > pivot),
        orderA.slice(p + 1).filter((_, i) => (inB[p + 1 + i] ?? -1) < pivot),
      ];
    }
    earliestAfter = Math.min(earliestAfter, pivot);
  }
  return [[], []];
}

/**
 * The words a comparison treats apart, as data: the Redis index runs this same
 * comparison in Lua (server/src/store/lua/lib/dedup.lua) with these tables.
 * @example COMPARISON_WORDS.negations.has('not') // true
 */
export const COMPARISON_WORDS = {
  /** Left out of the overlap (`countsTowardOverlap`). */
  pronouns: PRONOUNS,
  /** Chinese words compared whole: never a character pair (`isCharPair`). */
  wholeWords: ZH_WHOLE,
  /** With `distinctQuestionWords`, the question words (`isQuestionWord`). */
  zhQuestionWords: ZH_QUESTION_WORDS,
  distinctQuestionWords: DISTINCT_QUESTION_WORDS,
  negations: NEGATIONS,
  /** Characters too common to be a `specific` difference. */
  commonHan: COMMON_HAN,
  /** Token → its places in the oppositions (`contrast`). */
  stands: STANDS_OF,
} as const;
