/**
 * Text hygiene: what every other check sees. Invisible and direction-changing
 * characters are how people hide words from filters and scramble what a screen
 * shows, so they go first; heavy work is capped so no input can stall the server.
 */

/** Lone UTF-16 surrogates (invalid text from broken clients or binary junk). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Controls (except tab and newline), soft hyphen, bidi marks, overrides and isolates,
 * zero-width and other invisible characters, Hangul fillers, tag characters, and the
 * combining grapheme joiner (a mark, so outside the class).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2069\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]|\u034F/gu;

/** A zero-width joiner is kept only inside an emoji sequence (👩‍💻), where it is visible. */
const STRAY_JOINER =
  /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Three or more stacked combining marks ("zalgo"): keep the first two. */
const MARK_PILE = /([\p{Mn}\p{Me}]{2})[\p{Mn}\p{Me}]+/gu;

const KEYCAP = /[0-9#*]\uFE0F?\u20E3/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Chinese full-width punctuation that NFKC would turn into ASCII, and its ASCII
 * twin at the same index. The text we store and show keeps it as typed; checks that
 * match punctuation see the ASCII form (toMatchingText), exactly as after plain NFKC.
 * (。、“” have no NFKC mapping, so they stay as typed anyway.)
 */
const KEPT_PUNCTUATION = '，！？：；（）';
const KEPT_AS_ASCII = ',!?:;()';
const KEPT = /[，！？：；（）]/;
const KEPT_ALL = /[，！？：；（）]/g;

/** The ASCII twin of a kept punctuation code unit, or -1. */
export function keptPunctuationAscii(unit: number): number {
  const at =
    unit >= 0xff01 && unit <= 0xff1f ? KEPT_PUNCTUATION.indexOf(String.fromCharCode(unit)) : -1;
  return at < 0 ? -1 : KEPT_AS_ASCII.charCodeAt(at);
}

/** True when the text holds kept punctuation, so its matching form differs. */
export function hasKeptPunctuation(text: string): boolean {
  return KEPT.test(text);
}

/**
 * The form of sanitized text that matching works on: the kept Chinese punctuation
 * turned into ASCII, as plain NFKC would have done. Same length, index for index.
 *
 * @example toMatchingText('你好，世界！') // '你好,世界!'
 */
export function toMatchingText(text: string): string {
  if (!KEPT.test(text)) return text;
  return text.replace(KEPT_ALL, (mark) => KEPT_AS_ASCII[KEPT_PUNCTUATION.indexOf(mark)] ?? mark);
}

/** NFKC, except that the kept punctuation stays as typed. */
function nfkcKeepingPunctuation(text: string): string {
  if (!KEPT.test(text)) return text.normalize('NFKC');
  // Each kept mark is a starter that composes with nothing, like its ASCII twin, so
  // normalizing the pieces between them gives NFKC of the whole but for those marks.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (keptPunctuationAscii(text.charCodeAt(i)) < 0) continue;
    out += text.slice(from, i).normalize('NFKC') + text[i];
    from = i + 1;
  }
  return out + text.slice(from).normalize('NFKC');
}

function sanitizeSlowly(raw: string): string {
  const visible = raw
    .replace(LONE_SURROGATE, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(MARK_PILE, '$1');
  return nfkcKeepingPunctuation(visible).replace(MARK_PILE, '$1').trim();
}

// ---- Fast path ------------------------------------------------------------------
// Most questions are printable ASCII, Chinese characters and common punctuation.
// For a code unit that is not invisible, not a surrogate, not a mark and not Hangul
// jamo, and whose NFKD starts with a starter and holds no mark that could compose
// across a neighbour, NFKC of a text made only of such units is the concatenation
// of each unit's NFKC: nothing to drop, reorder or compose between them. Which units
// qualify, and their NFKC, is worked out on first sight with the slow path's own
// RegExps and String.prototype.normalize.

const UNKNOWN = 0;
const SAME = 1;
const MAPPED = 2;
const SLOW = 3;
let unitState: Uint8Array | undefined;
const unitNfkc = new Map<number, string>();

/**
 * Tab, newline, printable ASCII, CJK Unified Ideographs and common Chinese
 * punctuation: what most questions are made of, and what every fast path takes.
 * NFKC leaves them alone (checked in the tests against the slow path).
 */
export const COMMON_UNITS = '\\t\\n\\x20-\\x7E\\u4E00-\\u9FFF，！？：；（）。、“”‘’《》【】「」';
/** A unit outside COMMON_UNITS. Sanitized text without one is done once trimmed. */
const UNCOMMON = new RegExp(`[^${COMMON_UNITS}]`);
const MARK = /\p{M}/u;
const STARTS_WITH_MARK = /^\p{M}/u;
const HANGUL_JAMO = /[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/;
const INVISIBLE_UNIT = new RegExp(INVISIBLE.source, 'u');

function classifyUnit(unit: number): number {
  // CJK Unified Ideographs: visible, not marks, no decomposition of any kind.
  if (unit >= 0x4e00 && unit <= 0x9fff) return SAME;
  if (unit >= 0xd800 && unit <= 0xdfff) return SLOW;
  const char = String.fromCharCode(unit);
  if (keptPunctuationAscii(unit) >= 0) return SAME;
  if (unit === 0x200d || INVISIBLE_UNIT.test(char) || MARK.test(char)) return SLOW;
  const decomposed = char.normalize('NFKD');
  if (STARTS_WITH_MARK.test(decomposed) || HANGUL_JAMO.test(decomposed)) return SLOW;
  const nfkc = char.normalize('NFKC');
  if (nfkc === char) return SAME;
  // Its NFKC must hold no mark MARK_PILE could count, nothing invisible, no surrogate.
  if (/[\p{M}\uD800-\uDFFF]/u.test(nfkc)) return SLOW;
  unitNfkc.set(unit, nfkc);
  return MAPPED;
}

/**
 * Cleans a question for moderation and display: drops invalid and invisible
 * characters, collapses zalgo, applies NFKC (full-width letters become ASCII) but
 * keeps Chinese punctuation (，！？：；（）) as typed, and trims. Marks are collapsed
 * before NFKC, whose reordering of long mark runs is quadratic.
 *
 * @example sanitizeText('\u202Eｈｅｌｌｏ\u200B ') // 'hello'
 * @example sanitizeText('ｈｉ，谢谢！') // 'hi，谢谢！'
 */
export function sanitizeText(raw: string): string {
  if (!UNCOMMON.test(raw)) return raw.trim();
  const state = (unitState ??= new Uint8Array(0x10000));
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const unit = raw.charCodeAt(i);
    if (unit >= 0x20 && unit < 0x7f) continue; // printable ASCII: NFKC leaves it
    let kind = state[unit]!;
    if (kind === UNKNOWN) kind = state[unit] = classifyUnit(unit);
    if (kind === SAME) continue;
    if (kind === SLOW) return sanitizeSlowly(raw);
    out += raw.slice(from, i) + unitNfkc.get(unit)!;
    from = i + 1;
  }
  return (from === 0 ? raw : out + raw.slice(from)).trim();
}

/**
 * True when the text has no letter or digit: only emoji, symbols and punctuation.
 *
 * @example isSymbolsOnly('👍👍!!') // true
 * @example isSymbolsOnly('5️⃣') // true: a keycap emoji is not a number
 */
export function isSymbolsOnly(text: string): boolean {
  return !LETTER_OR_DIGIT.test(text.replace(KEYCAP, ''));
}
