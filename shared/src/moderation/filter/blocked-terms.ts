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
import { COMMON_UNITS, sanitizeText, toMatchingText } from './hygiene';

/** Letters and digits as run-length encoded characters. */
interface Runs {
  chars: string[];
  counts: number[];
  /**
   * Per run: it came from a single-letter token ("s.c.a.m"). Inside a row of such
   * runs every position counts as a word boundary, so "a s.c.a.m" (joined "ascam")
   * still holds the whole word "scam".
   */
  spelled?: boolean[];
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

function toRuns(text: string, spelled?: (index: number) => boolean): Runs {
  const runs: Runs = { chars: [], counts: [], spelled: [] };
  let index = 0;
  for (const char of text) {
    const last = runs.chars.length - 1;
    if (runs.chars[last] === char) runs.counts[last]!++;
    else {
      runs.chars.push(char);
      runs.counts.push(1);
      runs.spelled!.push(spelled?.(index) ?? false);
    }
    index++;
  }
  return runs;
}

/** Folds sanitized text into its words and glued streams, reading '1' as `one`. */
function fold(text: string, one: 'i' | 'l'): Folded {
  const words: string[] = [];
  /** Per word: built from single-letter tokens (a word either is or is not). */
  const spelledWord: boolean[] = [];
  let glued = '';
  let token = '';
  /** The last word was built from single-letter tokens, so the next single letter joins it. */
  let joinable = false;
  /** Only separators since the last token: a CJK character in between forbids joining. */
  let softGap = false;

  const endToken = () => {
    if (!token) return;
    const singleLetter = [...token].length === 1;
    if (singleLetter && joinable && softGap) {
      words[words.length - 1] += token;
    } else {
      words.push(token);
      spelledWord.push(singleLetter);
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
  const spelled = words.flatMap((word, i) => [
    ...Array.from(word, () => spelledWord[i]!),
    false, // the space after it
  ]);
  return {
    words: toRuns(words.join(' '), (index) => spelled[index] ?? false),
    glued: toRuns(glued),
  };
}

// ---- Matching -------------------------------------------------------------------
// Streams are matched as arrays of code points and run lengths, in buffers reused
// from call to call.

/** A growable run-length encoded stream of code points. */
class RunBuffer {
  chars = new Int32Array(64);
  counts = new Int32Array(64);
  /** 1 where the run came from a single-letter token (see Runs.spelled). */
  spelled = new Uint8Array(64);
  length = 0;

  push(char: number, spelled = 0): void {
    const last = this.length - 1;
    if (last >= 0 && this.chars[last] === char) {
      this.counts[last]!++;
      return;
    }
    if (this.length === this.chars.length) {
      const chars = new Int32Array(this.length * 2);
      const counts = new Int32Array(this.length * 2);
      const spelledRuns = new Uint8Array(this.length * 2);
      chars.set(this.chars);
      counts.set(this.counts);
      spelledRuns.set(this.spelled);
      this.chars = chars;
      this.counts = counts;
      this.spelled = spelledRuns;
    }
    this.chars[this.length] = char;
    this.counts[this.length] = 1;
    this.spelled[this.length] = spelled;
    this.length++;
  }

  /** Replaces the contents with `runs`. */
  fill(runs: Runs): void {
    this.length = 0;
    runs.chars.forEach((char, i) => {
      this.push(char.codePointAt(0)!, runs.spelled?.[i] ? 1 : 0);
      this.counts[this.length - 1] = runs.counts[i]!;
    });
  }

  /** May a whole word start or end between runs `before` and `before + 1`? */
  boundaryAfter(before: number): boolean {
    if (before < 0 || before + 1 >= this.length) return true;
    if (this.chars[before] === SPACE || this.chars[before + 1] === SPACE) return true;
    return this.spelled[before] === 1 && this.spelled[before + 1] === 1;
  }
}

interface CompiledNeedle {
  chars: Int32Array;
  counts: Int32Array;
  /** Must start and end at word boundaries (words stream). */
  bounded: boolean;
}

const SPACE = 32;
const I = 0x69;
const L = 0x6c;
const NON_ASCII = /[\u0080-\uFFFF]/;

/** True when `needle` occurs at run `at` of `haystack`, each run at least as long. */
function occursAt(haystack: RunBuffer, at: number, needle: CompiledNeedle): boolean {
  const { chars, counts } = needle;
  const end = at + chars.length;
  if (end > haystack.length) return false;
  if (needle.bounded && !(haystack.boundaryAfter(at - 1) && haystack.boundaryAfter(end - 1))) {
    return false;
  }
  for (let k = 0; k < chars.length; k++) {
    if (haystack.chars[at + k] !== chars[k]) return false;
    if (haystack.counts[at + k]! < counts[k]!) return false;
  }
  return true;
}

const FIRST_CHAR_BITS = 2048;

/** Needles indexed by their first character, so a text is scanned once per stream. */
class NeedleIndex {
  private readonly byFirstChar = new Map<number, CompiledNeedle[]>();
  /** Bit `char % 2048`: may a needle start with `char`? (Shared bits only cost a lookup.) */
  private readonly firstChars = new Uint8Array(FIRST_CHAR_BITS / 8);
  size = 0;
  /** Every character of every needle. */
  readonly chars = new Set<number>();
  /** Does every needle have a non-ASCII character? */
  allNonAscii = true;

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
    const bit = first & (FIRST_CHAR_BITS - 1);
    this.firstChars[bit >> 3]! |= 1 << (bit & 7);
    this.size++;
    const chars = runs.chars.map((char) => char.codePointAt(0)!);
    for (const char of chars) this.chars.add(char);
    if (chars.every((char) => char < 0x80)) this.allNonAscii = false;
  }

  /** The first characters of the needles. */
  starts(): number[] {
    return [...this.byFirstChar.keys()];
  }

  foundIn(haystack: RunBuffer): boolean {
    if (this.size === 0) return false;
    for (let at = 0; at < haystack.length; at++) {
      const char = haystack.chars[at]!;
      const bit = char & (FIRST_CHAR_BITS - 1);
      if ((this.firstChars[bit >> 3]! & (1 << (bit & 7))) === 0) continue;
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
  // CJK Unified Ideographs have no case, no decomposition and are not marks.
  const ideograph = unit >= 0x4e00 && unit <= 0x9fff;
  const lower = ideograph ? char : char.toLowerCase();
  if (
    !ideograph &&
    ((unit >= 0xd800 && unit <= 0xdfff) ||
      unit === 0x3a3 ||
      lower.length !== 1 ||
      lower.normalize('NFD') !== lower ||
      MARK.test(lower))
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

/** fold's state, kept in fields rather than a closure made on every call. */
class FastFold {
  private token = new Int32Array(64);
  private tokenLength = 0;
  private wordCount = 0;
  private joinable = false;
  private softGap = false;

  /**
   * fold(text, one) into wordsBuffer and, when asked, gluedBuffer, in one pass; false
   * (the buffers then hold nothing useful) when the text has a unit this path does not
   * take.
   */
  run(text: string, one: number, withGlued: boolean): boolean {
    const folds = (unitFolds ??= new Int32Array(0x10000));
    const glued = gluedBuffer;
    wordsBuffer.length = 0;
    glued.length = 0;
    if (this.token.length < text.length) this.token = new Int32Array(text.length);
    const token = this.token;
    this.tokenLength = 0;
    this.wordCount = 0;
    this.joinable = false;
    this.softGap = false;

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
        this.endToken();
        continue;
      } else if (kind === SLOW_UNIT) return false;
      if (withGlued) glued.push(char);
      if (kind === WORD_UNIT) token[this.tokenLength++] = char;
      else {
        this.endToken();
        this.softGap = false;
      }
    }
    this.endToken();
    return true;
  }

  private endToken(): void {
    const length = this.tokenLength;
    if (length === 0) return;
    const words = wordsBuffer;
    const singleLetter = length === 1;
    if (singleLetter && this.joinable && this.softGap) words.push(this.token[0]!, 1);
    else {
      if (this.wordCount > 0) words.push(SPACE);
      for (let k = 0; k < length; k++) words.push(this.token[k]!, singleLetter ? 1 : 0);
      this.wordCount++;
      this.joinable = singleLetter;
    }
    this.tokenLength = 0;
    this.softGap = true;
  }
}

const fastFold = new FastFold();

/**
 * A RegExp matching text that may hold a needle starting with one of `firsts`. Text
 * made only of COMMON_UNITS folds on the fast path, where a Chinese character comes
 * only from itself and an ASCII one only from the ASCII units folding to it ('5' and
 * '$' to 's'); so such text with none of those units cannot hold those needles.
 */
function needleStartPattern(firsts: readonly number[]): RegExp {
  const units = new Set<number>();
  for (const first of firsts) {
    if (first >= 0x4e00 && first <= 0x9fff) units.add(first);
    for (let unit = 0; unit < 0x80; unit++) {
      const entry = foldUnitEntry(unit);
      const kind = entry >> 16;
      const folded = kind === ONE_UNIT ? [I, L] : [entry & 0xffff];
      if (kind !== SEPARATOR_UNIT && folded.includes(first)) units.add(unit);
    }
  }
  const escaped = [...units].map((unit) => `\\u${unit.toString(16).padStart(4, '0')}`).join('');
  return new RegExp(`[^${COMMON_UNITS}]${escaped ? `|[${escaped}]` : ''}`);
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
  const mayHoldWord = wordNeedles.size > 0 ? needleStartPattern(wordNeedles.starts()) : undefined;
  const mayHoldGlued =
    gluedNeedles.size > 0 ? needleStartPattern(gluedNeedles.starts()) : undefined;
  // Text folds ASCII to ASCII, so needles that all hold another character cannot be
  // in the glued stream of ASCII text.
  const gluedNeedsNonAscii = gluedNeedles.allNonAscii;
  // Reading '1' as 'l' can find more only when a needle has an 'l': otherwise a match in
  // that reading holds none of those 'l's and at most borders them (across a space, for
  // a whole-word needle), and is there in the 'i' reading too, where a bordering 'i'
  // can only lengthen its first or last run.
  const readOneAsL = wordNeedles.chars.has(L) || gluedNeedles.chars.has(L);

  const foundIn = (text: string, one: number, withWords: boolean, withGlued: boolean) => {
    if (!fastFold.run(text, one, withGlued)) {
      const folded = fold(text, one === L ? 'l' : 'i');
      wordsBuffer.fill(folded.words);
      gluedBuffer.fill(folded.glued);
    }
    return (
      (withWords && wordNeedles.foundIn(wordsBuffer)) ||
      (withGlued && gluedNeedles.foundIn(gluedBuffer))
    );
  };

  return (text) => {
    if (symbolTerms.length > 0) {
      const lower = toMatchingText(text).toLowerCase();
      if (symbolTerms.some((term) => lower.includes(term))) return true;
    }
    const withWords = mayHoldWord?.test(text) === true;
    const withGlued =
      mayHoldGlued !== undefined &&
      (!gluedNeedsNonAscii || NON_ASCII.test(text)) &&
      mayHoldGlued.test(text);
    if (!withWords && !withGlued) return false;
    return (
      foundIn(text, I, withWords, withGlued) ||
      (readOneAsL && text.includes('1') && foundIn(text, L, withWords, withGlued))
    );
  };
}
