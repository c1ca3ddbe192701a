import {
  COMPARISON_WORDS,
  DIFFERENCE_FACTORS,
  DUPLICATE_THRESHOLD,
  MAX_CANDIDATES,
} from '@dais/shared';

/**
 * The constants of lua/lib/dedup.lua, as Lua source: the numbers and word tables of
 * shared/src/moderation/dedup, so the Redis index compares questions exactly as the
 * TypeScript reference does, from one source.
 */
export function dedupConstants(): Record<string, string> {
  const words = COMPARISON_WORDS;
  // One string, searched per token: a table of this size would cost a script ~60 µs to build.
  const stands = [...words.stands].map(
    ([word, places]) =>
      `|${word}:${places.map((p) => `${p.opposition},${p.side},${Number(p.alone)}`).join(';')}`,
  );
  return {
    DUPLICATE_THRESHOLD: String(DUPLICATE_THRESHOLD),
    MAX_CANDIDATES: String(MAX_CANDIDATES),
    ...Object.fromEntries(
      Object.entries(DIFFERENCE_FACTORS).map(([kind, factor]) => [
        `FACTOR_${kind.toUpperCase()}`,
        String(factor),
      ]),
    ),
    PRONOUNS: luaSet(words.pronouns),
    WHOLE_WORDS: luaSet(words.wholeWords),
    QUESTION_WORDS: luaSet([...words.zhQuestionWords, ...words.distinctQuestionWords]),
    DISTINCT_QUESTION_WORDS: luaSet(words.distinctQuestionWords),
    NEGATIONS: luaSet(words.negations),
    STANDS: luaString(`${stands.join('')}|`),
    COMMON_HAN: luaString(sortedCharacters(words.commonHan)),
    HAN_RANGES: `{${hanRanges().flat().join(',')}}`,
  };
}

/**
 * The distinct characters of `text` in code point order, for a binary search over
 * 3-byte UTF-8 records (a plain search through the string costs ~10 µs per token).
 */
function sortedCharacters(text: string): string {
  const characters = [...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const wide = characters.find((c) => Buffer.byteLength(c) !== 3);
  if (wide) throw new Error(`lua/lib/dedup.lua: ${wide} is not 3 bytes in UTF-8`);
  return characters.join('');
}

/** A Lua string literal; our words hold no control characters, UTF-8 passes as is. */
const luaString = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

const luaSet = (items: Iterable<string>) =>
  `{${[...new Set(items)].map((item) => `[${luaString(item)}]=true`).join(',')}}`;

/**
 * The code point ranges of /\p{Script=Han}/u in this Node (the reference's `isSpecific`
 * tests one character with it), as [first, last] pairs. About 40 ms, once.
 */
function hanRanges(): [number, number][] {
  const han = /^\p{Script=Han}$/u;
  const ranges: [number, number][] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!han.test(String.fromCodePoint(cp))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}
