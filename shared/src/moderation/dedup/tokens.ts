import {
  DISTINCT_QUESTION_WORDS,
  EN_NUMBERS,
  EN_PHRASES,
  EN_PRONOUNS,
  EN_STOP_WORDS,
  EN_SYNONYMS,
  NEGATIONS,
  PERSONS,
  ZH_DIGITS,
  ZH_MULTIPLIERS,
  ZH_PHRASES,
  ZH_QUESTION_WORDS,
  ZH_STOP_WORDS,
  ZH_UNITS,
} from './lexicon';

const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /[,.;:!?，。；：！？]/;

// ICU's word break: a dictionary segmenter for Han, UAX #29 for the rest. Node 20
// (full ICU) and Chromium 156 give the same fingerprints for all 16,845 questions of
// tests/data and LCQMC, once Latin words are split at inner punctuation (below).
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Chinese phrases, longest first, so "怎么这么" wins over "怎么". */
const ZH_PHRASE_PATTERN = new RegExp(
  Object.keys(ZH_PHRASES)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** A Chinese numeral before a measure word or unit: "十六岁", "两次". */
const ZH_QUANTITY = new RegExp(
  `[${Object.keys(ZH_DIGITS).join('')}${Object.keys(ZH_MULTIPLIERS).join('')}]+(?=${ZH_UNITS.join('|')})`,
  'g',
);

/** "X不X", "X没X" ask yes or no, they do not negate: "是不是" → "是", "安不安全" → "安全". */
const ZH_A_NOT_A = /(\p{Script=Han})[不没]\1/gu;

/** Particles, modals and the plural that the segmenter glues to a word ("会说", "新的", "女生们"). */
const ZH_GLUE = /^[会能要是的了吗呢啊吧呀哦嘛啦着]+|[会能要是的了吗呢啊吧呀哦嘛啦着们]+$/g;

/** Pronouns of both languages: they say who is asked about, and add no overlap. */
export const PRONOUNS: ReadonlySet<string> = new Set(
  PERSONS.flatMap((entry) => entry.split(/[|/]/).map((word) => word.trim())),
);
const ZH_PRONOUNS = [...PRONOUNS].filter((word) => HAN.test(word));

/** Chinese words compared whole, never split into characters. */
export const ZH_WHOLE: ReadonlySet<string> = new Set([
  ...ZH_QUESTION_WORDS,
  ...DISTINCT_QUESTION_WORDS,
  ...NEGATIONS,
  ...ZH_PRONOUNS,
]);

/**
 * The words that decide what a text asks, in order: NFKC, lower case, variants
 * folded to one form, particles, stop words, punctuation and emoji gone, English
 * stemmed, Chinese numerals as digits.
 * @example words('请问十六岁的孩子怎样才能打工呢？') // ['16', '岁', '孩子', '怎么', '打工']
 * @example words("Why don't schools teach personal finance?!")
 *   // ['why', 'not', 'school', 'teach', 'personal', 'financ']
 */
export function words(text: string): string[] {
  let folded = text.normalize('NFKC').toLowerCase();
  for (const [pattern, replacement] of EN_PHRASES) folded = folded.replace(pattern, replacement);
  folded = folded
    .replace(ZH_QUANTITY, readChineseNumeral)
    .replace(ZH_A_NOT_A, '$1')
    .replace(ZH_PHRASE_PATTERN, (phrase) => ZH_PHRASES[phrase] ?? phrase);

  const out: string[] = [];
  let clauseStart = true;
  for (const { segment, isWordLike } of segmenter.segment(folded)) {
    if (!isWordLike) {
      if (CLAUSE_END.test(segment)) clauseStart = true;
    } else if (HAN.test(segment)) {
      out.push(...chineseWords(segment));
    } else {
      // ICU versions differ on "k.a" (one word or two): split it ourselves; keep "1.5".
      for (const part of segment.split(/[.:](?!\d)/)) {
        // "when", "where", "why" inside a clause join it ("how did you feel when you scored").
        if (DISTINCT_QUESTION_WORDS.has(part) && !clauseStart) continue;
        const word = part && englishWord(part);
        if (word) {
          out.push(word);
          clauseStart = false;
        }
      }
    }
  }
  return out;
}

/**
 * The matching form of a text: its words joined by spaces.
 * @example normalize('为啥今年夏天这么热啊？？') // '为什么 今年 夏天 热'
 */
export function normalize(text: string): string {
  return words(text).join(' ');
}

/**
 * The features two questions are compared by, in order: English words, and for
 * Chinese each character and each pair of characters inside a word, so "核电" and
 * "核能" still share "核" while the order of words does not matter. A character that
 * occurs again counts again ("破釜沉舟的釜" asks about one character of the idiom).
 * @example tokenize('北京到上海要多久') // ['北', '京', '北京', '到', '上', '海', '上海', '多久']
 */
export function tokenize(text: string): string[] {
  const features: string[] = [];
  const seen = new Map<string, number>();
  const add = (feature: string): void => {
    const n = (seen.get(feature) ?? 0) + 1;
    seen.set(feature, n);
    features.push(n === 1 ? feature : `${feature}#${n}`);
  };
  for (const word of words(text)) {
    if (!HAN.test(word) || ZH_WHOLE.has(word)) {
      if (!seen.has(word)) add(word);
      continue;
    }
    // 一 inside a word is mostly an article or "per" ("一首歌", "一次"); numbers are digits.
    const chars = [...word].filter((char) => char !== '一');
    chars.forEach(add);
    for (let i = 1; i < chars.length; i++) add(`${chars[i - 1]}${chars[i]}`);
  }
  return features;
}

/**
 * Whether a token counts toward the overlap of two questions: all do but pronouns,
 * which only tell who is asked about ("你拍戏受过伤吗" and "拍戏受过伤吗" ask alike).
 * @example countsTowardOverlap('你') // false
 */
export function countsTowardOverlap(token: string): boolean {
  return !PRONOUNS.has(token);
}

/**
 * Whether a token is a question word of either language.
 * @example isQuestionWord('什么') // true
 */
export function isQuestionWord(token: string): boolean {
  return ZH_QUESTION_WORDS.has(token) || DISTINCT_QUESTION_WORDS.has(token);
}

/**
 * Whether a feature is a pair of characters inside a Chinese word, not a unit.
 * @example isCharPair('北京') // true; isCharPair('什么') // false
 */
export function isCharPair(token: string): boolean {
  return (
    token.length === 2 &&
    isHanCode(token.charCodeAt(0)) &&
    isHanCode(token.charCodeAt(1)) &&
    !ZH_WHOLE.has(token)
  );
}

/** CJK unified ideographs (and extension A, compatibility): a check by code, this runs per token. */
function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

function chineseWords(segment: string): string[] {
  if (ZH_WHOLE.has(segment)) return [segment];
  if (ZH_STOP_WORDS.has(segment)) return [];
  // The segmenter glues pronouns, negations and particles to a neighbour: "你会", "他不".
  const pronoun = ZH_PRONOUNS.find((p) => segment.length > p.length && segment.startsWith(p));
  if (pronoun) return [pronoun, ...chineseWords(segment.slice(pronoun.length))];
  const last = segment.slice(-1);
  if (segment.length === 2 && NEGATIONS.has(last)) return [...chineseWords(segment[0] ?? ''), last];
  const word = segment.replace(ZH_GLUE, '');
  return word && !ZH_STOP_WORDS.has(word) ? [word] : [];
}

/**
 * "十六" → "16", "两" → "2". A lone 一 stays, since it is mostly an article
 * ("一首歌"), and so does a numeral with no digit but 十 ("千万" is "by all means").
 */
function readChineseNumeral(numeral: string): string {
  if (!/[零〇一二两三四五六七八九]|^十/.test(numeral)) return numeral;
  let total = 0;
  let section = 0;
  let digit = 0;
  let digits = '';
  for (const char of numeral) {
    const value = ZH_DIGITS[char];
    if (value !== undefined) {
      digit = value;
      digits += value;
      continue;
    }
    const multiplier = ZH_MULTIPLIERS[char] ?? 1;
    if (multiplier === 10_000) {
      total += (section + digit) * multiplier;
      section = 0;
    } else {
      section += (digit || 1) * multiplier;
    }
    digit = 0;
    digits = '';
  }
  // Plain digits read one by one: "二零二四" → "2024".
  const value =
    digits.length > 1 && total + section === 0 ? Number(digits) : total + section + digit;
  return value === 1 ? numeral : String(value);
}

const UNSTEMMED: ReadonlySet<string> = new Set([
  ...NEGATIONS,
  ...DISTINCT_QUESTION_WORDS,
  ...PRONOUNS,
]);

function englishWord(word: string): string | undefined {
  if (EN_STOP_WORDS.has(word)) return undefined;
  const known = EN_NUMBERS[word] ?? EN_PRONOUNS[word];
  if (known !== undefined) return String(known);
  if (UNSTEMMED.has(word)) return word;
  const stem = stemEnglish(word);
  return EN_SYNONYM_OF.get(stem) ?? stem;
}

/**
 * A light English stemmer: enough to meet "countries"/"country", "taxed"/"tax",
 * "making"/"make" and British/American spelling; never a dictionary.
 * @example stemEnglish('studies') === stemEnglish('studied') // both 'studi'
 */
export function stemEnglish(word: string): string {
  if (/^\d+s$/.test(word)) return word.slice(0, -1); // "1990s", "under-16s"
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word
    .replace(/(.{2,}[^aeiou])our(ite|ed|ing|s)?$/, '$1or$2') // colour, favourite; not hour, four
    .replace(/is(e|es|ed|ing|ation)$/, 'iz$1') // memorise → memorize
    .replace(/tre$/, 'ter') // centre → center
    .replace(/(.{3,}e)ll(ed|ing)$/, '$1l$2') // cancelled → canceled
    .replace(/ies$|ied$/, 'i')
    .replace(/([^su])s$/, '$1')
    .replace(/(.{3,})(?:ing|ed)$/, '$1')
    .replace(/(.{5,})ly$/, '$1');
  if (/([^aeiouslz])\1$/.test(stem)) stem = stem.slice(0, -1); // running → run
  return stem.replace(/(.{3,})e$/, '$1').replace(/(.{3,})y$/, '$1i');
}

/** Stem of every synonym → stem of the word it stands for. */
const EN_SYNONYM_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(EN_SYNONYMS).flatMap(([word, variants]) =>
    variants.map((variant) => [stemEnglish(variant), stemEnglish(word)] as const),
  ),
);
