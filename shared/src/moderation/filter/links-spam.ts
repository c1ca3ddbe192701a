/**
 * Links and spam within one question. (Floods across questions are the server's.)
 * Chinese punctuation reads as its ASCII twin ("http：//" is "http://").
 */
import { keptPunctuationAscii, toMatchingText } from './hygiene';

/**
 * Top-level domains that are not also common words glued to the next sentence
 * ("thanks.me too", "go.to bed"); any other TLD still counts when a path follows.
 */
const LINK_TLDS =
  'com|net|org|edu|gov|mil|int|info|biz|io|co|ai|app|dev|xyz|top|vip|site|online|club|shop|live|tv|cc|ly|gg|cn|hk|tw|mo|jp|kr|uk|de|fr|ru|au|ca';
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

const LINK = new RegExp(
  [
    String.raw`\b(?:https?|ftp)[:：]//\S`,
    String.raw`\bwww\.${LABEL}`,
    // A bare domain: bit.ly/x, t.me/x, unicef.org, x.cn/abc; not "e.g." or "Mr. Li".
    String.raw`(?<![\w@.-])${LABEL}(?:\.${LABEL}){0,8}\.(?:(?:${LINK_TLDS})(?![\w-])|[a-z]{2,6}/\w)`,
  ].join('|'),
  'iu',
);

/**
 * True when the text contains a web address.
 *
 * @example containsLink('see bit.ly/abc') // true
 * @example containsLink('e.g. Mr. Li') // false
 */
export function containsLink(text: string): boolean {
  // Every address has a '.' or "//"; most questions have neither.
  return (text.includes('.') || text.includes('//')) && LINK.test(text);
}

/** A Latin letter 8 times in a row ("soooooooo"), anything else but digits 10 times. */
const CHARACTER_RUN = /([a-z])\1{7,}|([^\s\d])\2{9,}/iu;
/** A unit of 2 to 20 characters 5 times in a row ("buy now buy now …", "哈哈哈哈哈…"). */
const REPEATED_PHRASE = /(\S[^]{1,19}?)(?:[\s,.!?;:，。！？、；：]*\1){4}/u;
const SHOUTING_MIN_LETTERS = 20;
const SHOUTING_UPPER_SHARE = 0.8;

function isShouting(text: string): boolean {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  return isMostlyUpper(upper, lower);
}

function isMostlyUpper(upper: number, lower: number): boolean {
  const cased = upper + lower;
  return cased >= SHOUTING_MIN_LETTERS && upper >= cased * SHOUTING_UPPER_SHARE;
}

function looksLikeSpamSlowly(text: string): boolean {
  const matching = toMatchingText(text);
  return CHARACTER_RUN.test(matching) || REPEATED_PHRASE.test(matching) || isShouting(matching);
}

/**
 * Code units without case that nothing else folds to (checked against the flags
 * `iu` over all of Unicode): Latin-1 and general punctuation, CJK punctuation, kana,
 * Chinese characters, full-width punctuation and digits. With ASCII they make up most
 * questions, and for them equality under `iu` is equality after lower-casing ASCII.
 */
function isCaseless(unit: number): boolean {
  return (
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0x3000 && unit <= 0x30ff) ||
    (unit >= 0x3400 && unit <= 0x4dbf) ||
    (unit >= 0x2000 && unit <= 0x206f) ||
    (unit >= 0xa0 && unit <= 0xbf && unit !== 0xb5) || // Latin-1 punctuation, not µ
    unit === 0xd7 ||
    unit === 0xf7 ||
    (unit >= 0xff01 && unit <= 0xff20) ||
    (unit >= 0xff3b && unit <= 0xff40) ||
    (unit >= 0xff5b && unit <= 0xff65)
  );
}

/** `\s`, for ASCII and caseless code units. */
function isSpace(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0xa0 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

// A phrase repeated 5 times repeats its first two characters 5 times. Pairs starting
// with a non-space are counted in buckets reused between calls (a stamp marks this
// call's); pairs sharing a bucket add up, which can only let REPEATED_PHRASE run more.
const PAIR_BUCKETS = 4096;
const pairCounts = new Uint8Array(PAIR_BUCKETS);
const pairStamps = new Uint32Array(PAIR_BUCKETS);
let stamp = 0;

/** Counts one more of `pair` in this call's buckets; true when its bucket reaches 5. */
function countPair(pair: number): boolean {
  const bucket = Math.imul(pair, 0x9e3779b1) >>> 20;
  if (pairStamps[bucket] !== stamp) {
    pairStamps[bucket] = stamp;
    pairCounts[bucket] = 1;
    return false;
  }
  return ++pairCounts[bucket]! >= 5;
}

/**
 * True when the text looks like spam: a long run of one character, a phrase repeated
 * many times, or mostly capital letters.
 *
 * @example looksLikeSpam('WHY IS NOBODY ANSWERING MY QUESTION') // true
 * @example looksLikeSpam('哈哈哈，谢谢大使！') // false
 */
export function looksLikeSpam(text: string): boolean {
  // One pass, exactly as the RegExps would decide on ASCII and caseless text;
  // anything else takes the RegExps.
  if (++stamp === 0xffffffff) {
    pairStamps.fill(0);
    stamp = 1;
  }
  let mayRepeat = false;
  let upper = 0;
  let lower = 0;
  let previous = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if (unit >= 65 && unit <= 90) {
        upper++;
        unit += 32;
      } else if (unit >= 97 && unit <= 122) lower++;
    } else if (isCaseless(unit)) {
      const ascii = keptPunctuationAscii(unit);
      if (ascii >= 0) unit = ascii;
    } else return looksLikeSpamSlowly(text);

    if (unit === previous) {
      run++;
      if (run >= 8 && unit >= 97 && unit <= 122) return true;
      if (run >= 10 && !isSpace(unit) && !(unit >= 48 && unit <= 57)) return true;
    } else run = 1;
    if (!mayRepeat && previous >= 0 && !isSpace(previous) && countPair((previous << 16) | unit)) {
      mayRepeat = true;
    }
    previous = unit;
  }
  if (isMostlyUpper(upper, lower)) return true;
  return mayRepeat && REPEATED_PHRASE.test(toMatchingText(text));
}
