/**
 * Blocked terms chosen per event, in any language, found through the usual
 * disguises: case and full-width letters (NFKC, done by hygiene), accents,
 * Cyrillic/Greek look-alikes, leetspeak, stretched letters and characters spaced out.
 *
 * Text and terms are folded the same way, into two streams of run-length encoded
 * letters (so "baaad" is b·a·d and still matches "bad", while "as" does not match "ass"):
 * - words: space-delimited scripts, split at separators and at CJK characters, where
 *   a row of single letters ("b a d", "b.a.d") is joined back into one word. Terms in
 *   these scripts match whole words only, so "ass" never fires inside "class".
 * - glued: every letter with all separators dropped, for terms containing Chinese,
 *   Japanese or Thai characters, which have no word boundaries ("坏 蛋" is "坏蛋").
 */
import { sanitizeText, toMatchingText } from './hygiene';

/** Letters and digits as run-length encoded characters. */
interface Runs {
  chars: string[];
  counts: number[];
}

interface Needle {
  runs: Runs;
  /** Must start and end at word boundaries (words stream). */
  bounded: boolean;
}

interface Folded {
  words: Runs;
  glued: Runs;
}

/** Common leetspeak; '1' is tried both as 'i' and as 'l'. */
const LEET: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '3': 'e',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
};

/** Cyrillic and Greek letters drawn like Latin ones. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
};

const MARKS = /\p{M}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words. */
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]/u;

type Kind = 'word' | 'glued' | 'separator';

function classify(char: string): Kind {
  if (char.length === 1 && char < '\u0080') return /[a-z0-9]/.test(char) ? 'word' : 'separator';
  if (!LETTER_OR_DIGIT.test(char)) return 'separator';
  return UNSPACED_SCRIPT.test(char) ? 'glued' : 'word';
}

function toRuns(text: string): Runs {
  const runs: Runs = { chars: [], counts: [] };
  for (const char of text) {
    const last = runs.chars.length - 1;
    if (runs.chars[last] === char) runs.counts[last]!++;
    else {
      runs.chars.push(char);
      runs.counts.push(1);
    }
  }
  return runs;
}

/** Folds sanitized text into its words and glued streams, reading '1' as `one`. */
function fold(text: string, one: 'i' | 'l'): Folded {
  const words: string[] = [];
  let glued = '';
  let token = '';
  /** The last word was built from single-letter tokens, so the next single letter joins it. */
  let joinable = false;
  /** Only separators since the last token: a CJK character in between forbids joining. */
  let softGap = false;

  const endToken = () => {
    if (!token) return;
    const singleLetter = [...token].length === 1;
    if (singleLetter && joinable && softGap) words[words.length - 1] += token;
    else {
      words.push(token);
      joinable = singleLetter;
    }
    token = '';
    softGap = true;
  };

  for (const raw of text.toLowerCase().normalize('NFD').replace(MARKS, '')) {
    const leet = raw === '1' ? one : LEET[raw];
    const char = leet ?? LOOK_ALIKES[raw] ?? raw;
    const kind = leet ? 'word' : classify(char);
    if (kind === 'separator') {
      endToken();
      continue;
    }
    glued += char;
    if (kind === 'word') token += char;
    else {
      endToken();
      softGap = false;
    }
  }
  endToken();
  return { words: toRuns(words.join(' ')), glued: toRuns(glued) };
}

// ---- Matching -------------------------------------------------------------------
// Streams are matched as arrays of code points and run lengths, in buffers reused
// from call to call.

/** A growable run-length encoded stream of code points. */
class RunBuffer {
  chars = new Int32Array(64);
  counts = new Int32Array(64);
  length = 0;

  push(char: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.chars[last] === char) {
      this.counts[last]!++;
      return;
    }
    if (this.length === this.chars.length) {
      const chars = new Int32Array(this.length * 2);
      const counts = new Int32Array(this.length * 2);
      chars.set(this.chars);
      counts.set(this.counts);
      this.chars = chars;
      this.counts = counts;
    }
    this.chars[this.length] = char;
    this.counts[this.length] = 1;
    this.length++;
  }

  /** Replaces the contents with `runs`. */
  fill(runs: Runs): void {
    this.length = 0;
    runs.chars.forEach((char, i) => {
      this.push(char.codePointAt(0)!);
      this.counts[this.length - 1] = runs.counts[i]!;
    });
  }
}

interface CompiledNeedle {
  chars: Int32Array;
  counts: Int32Array;
  /** Must start and end at word boundaries (words stream). */
  bounded: boolean;
}

const SPACE = 32;

/** True when `needle` occurs at run `at` of `haystack`, each run at least as long. */
function occursAt(haystack: RunBuffer, at: number, needle: CompiledNeedle): boolean {
  const { chars, counts } = needle;
  const end = at + chars.length;
  if (end > haystack.length) return false;
  if (needle.bounded && at > 0 && haystack.chars[at - 1] !== SPACE) return false;
  if (needle.bounded && end < haystack.length && haystack.chars[end] !== SPACE) return false;
  for (let k = 0; k < chars.length; k++) {
    if (haystack.chars[at + k] !== chars[k]) return false;
    if (haystack.counts[at + k]! < counts[k]!) return false;
  }
  return true;
}

/** Needles indexed by their first character, so a text is scanned once per stream. */
class NeedleIndex {
  private readonly byFirstChar = new Map<number, CompiledNeedle[]>();
  /** One bit per BMP code point: does a needle start with it? */
  private readonly firstChars = new Uint8Array(0x10000 / 8);
  size = 0;

  add({ runs, bounded }: Needle): void {
    const first = runs.chars[0]?.codePointAt(0);
    if (first === undefined) return;
    const list = this.byFirstChar.get(first) ?? [];
    list.push({
      chars: Int32Array.from(runs.chars, (char) => char.codePointAt(0)!),
      counts: Int32Array.from(runs.counts),
      bounded,
    });
    this.byFirstChar.set(first, list);
    if (first < 0x10000) this.firstChars[first >> 3]! |= 1 << (first & 7);
    this.size++;
  }

  foundIn(haystack: RunBuffer): boolean {
    if (this.size === 0) return false;
    for (let at = 0; at < haystack.length; at++) {
      const char = haystack.chars[at]!;
      if (char < 0x10000 && (this.firstChars[char >> 3]! & (1 << (char & 7))) === 0) continue;
      const needles = this.byFirstChar.get(char);
      if (needles?.some((needle) => occursAt(haystack, at, needle))) return true;
    }
    return false;
  }
}

// ---- Fast fold --------------------------------------------------------------------
// For a code unit whose lower case is one code unit that NFD leaves alone and that is
// not a mark (so not a non-starter either), lower-casing, NFD and dropping marks work
// unit by unit; Σ is left out, as its lower case depends on what follows. Text made
// only of such units is folded in one pass over a table filled on first sight with
// fold's own steps; any other text takes fold itself.

const SEPARATOR_UNIT = 1;
const WORD_UNIT = 2;
const GLUED_UNIT = 3;
const ONE_UNIT = 4;
const SLOW_UNIT = 5;
/** (kind << 16) | folded unit; 0 when not yet worked out. */
let unitFolds: Int32Array | undefined;
const MARK = /\p{M}/u;

function foldUnitEntry(unit: number): number {
  const char = String.fromCharCode(unit);
  const lower = char.toLowerCase();
  if (
    (unit >= 0xd800 && unit <= 0xdfff) ||
    unit === 0x3a3 ||
    lower.length !== 1 ||
    lower.normalize('NFD') !== lower ||
    MARK.test(lower)
  ) {
    return SLOW_UNIT << 16;
  }
  if (lower === '1') return ONE_UNIT << 16;
  const leet = LEET[lower];
  if (leet) return (WORD_UNIT << 16) | leet.charCodeAt(0);
  const folded = LOOK_ALIKES[lower] ?? lower;
  const kind = classify(folded);
  const code = kind === 'word' ? WORD_UNIT : kind === 'glued' ? GLUED_UNIT : SEPARATOR_UNIT;
  return (code << 16) | folded.charCodeAt(0);
}

const wordsBuffer = new RunBuffer();
const gluedBuffer = new RunBuffer();
let token = new Int32Array(64);

/**
 * fold(text, one) into wordsBuffer and gluedBuffer, in one pass; false (buffers
 * undefined) when the text holds a unit the fast path does not take.
 */
function foldFast(text: string, one: number): boolean {
  const folds = (unitFolds ??= new Int32Array(0x10000));
  const words = wordsBuffer;
  const glued = gluedBuffer;
  words.length = 0;
  glued.length = 0;
  if (token.length < text.length) token = new Int32Array(text.length);
  let tokenLength = 0;
  let wordCount = 0;
  let joinable = false;
  let softGap = false;

  const endToken = () => {
    if (tokenLength === 0) return;
    const singleLetter = tokenLength === 1;
    if (singleLetter && joinable && softGap) words.push(token[0]!);
    else {
      if (wordCount > 0) words.push(SPACE);
      for (let k = 0; k < tokenLength; k++) words.push(token[k]!);
      wordCount++;
      joinable = singleLetter;
    }
    tokenLength = 0;
    softGap = true;
  };

  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let entry = folds[unit]!;
    if (entry === 0) entry = folds[unit] = foldUnitEntry(unit);
    let kind = entry >> 16;
    let char = entry & 0xffff;
    if (kind === ONE_UNIT) {
      kind = WORD_UNIT;
      char = one;
    } else if (kind === SEPARATOR_UNIT) {
      endToken();
      continue;
    } else if (kind === SLOW_UNIT) return false;
    glued.push(char);
    if (kind === WORD_UNIT) token[tokenLength++] = char;
    else {
      endToken();
      softGap = false;
    }
  }
  endToken();
  return true;
}

/**
 * Compiles an event's blocked terms (one per entry; blank entries are ignored) into a
 * matcher. Terms without letters or digits (an emoji) match as plain text.
 * Chinese punctuation counts as its ASCII twin, in terms and text alike.
 *
 * @example
 * const blocked = createBlockedTermMatcher(['bad', '坏蛋']);
 * blocked('B.4.A.A.D idea') // true
 * blocked('坏 蛋') // true
 * blocked('badge') // false
 */
export function createBlockedTermMatcher(terms: readonly string[]): (text: string) => boolean {
  const wordNeedles = new NeedleIndex();
  const gluedNeedles = new NeedleIndex();
  const symbolTerms: string[] = [];

  for (const term of terms) {
    const clean = toMatchingText(sanitizeText(term)).toLowerCase();
    if (!clean) continue;
    const folded = fold(clean, 'i');
    if (folded.glued.chars.length === 0) symbolTerms.push(clean);
    else if (UNSPACED_SCRIPT.test(clean)) gluedNeedles.add({ runs: folded.glued, bounded: false });
    else {
      wordNeedles.add({ runs: folded.words, bounded: true });
      // "blow job" also matches "blowjob".
      if (folded.words.chars.includes(' ')) wordNeedles.add({ runs: folded.glued, bounded: true });
    }
  }
  const hasNeedles = wordNeedles.size + gluedNeedles.size > 0;

  const foundIn = (text: string, one: 'i' | 'l') => {
    if (!foldFast(text, one.charCodeAt(0))) {
      const folded = fold(text, one);
      wordsBuffer.fill(folded.words);
      gluedBuffer.fill(folded.glued);
    }
    return wordNeedles.foundIn(wordsBuffer) || gluedNeedles.foundIn(gluedBuffer);
  };

  return (text) => {
    if (symbolTerms.length > 0) {
      const lower = toMatchingText(text).toLowerCase();
      if (symbolTerms.some((term) => lower.includes(term))) return true;
    }
    if (!hasNeedles) return false;
    return foundIn(text, 'i') || (text.includes('1') && foundIn(text, 'l'));
  };
}
