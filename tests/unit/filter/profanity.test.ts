import { readFileSync } from 'node:fs';
import { Filter } from 'bad-words';
import { describe, expect, it } from 'vitest';
import {
  containsProfanity,
  createFilter,
  createProfanityMatcher,
  profanityCheckAllowing,
} from '@dais/shared';

const badWords = new Filter();
const list = badWords.list;

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Characters around and inside words that `\b` and `i` treat in every way. */
const NEIGHBOURS = [
  ...'abcxyzABCXYZ0123456789_',
  ...' .,!?;:\'"-*@$+()#&/\\|\t\n',
  // Non-ASCII letters: not \w without the u flag; ſ and K (Kelvin) fold to s and k only with u.
  ...'éßſKİıñöЖж中文ﬀ',
  '\u00A0',
  '\u200B',
  '😀',
  '\uD800',
];

function generate(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const randomCase = (word: string) =>
    [...word].map((c) => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  const nearWord = (word: string) => {
    const at = Math.floor(next() * word.length);
    const edits = [
      word.slice(0, at) + word.slice(at + 1), // drop a character
      word.slice(0, at) + pick(NEIGHBOURS) + word.slice(at), // insert one
      word + word.slice(-1), // double the last
      word.slice(0, Math.max(1, at)), // a prefix
    ];
    return pick(edits);
  };
  const pieces: string[] = [];
  const count = 1 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const word = pick(list);
    const roll = next();
    if (roll < 0.4) pieces.push(randomCase(word));
    else if (roll < 0.6) pieces.push(randomCase(nearWord(word)));
    else if (roll < 0.75) pieces.push(word);
    else
      pieces.push(Array.from({ length: Math.floor(next() * 4) }, () => pick(NEIGHBOURS)).join(''));
    // Words glued together, or with one or two neighbours between them.
    if (next() < 0.7)
      pieces.push(Array.from({ length: Math.floor(next() * 3) }, () => pick(NEIGHBOURS)).join(''));
  }
  return pieces.join('');
}

function mismatches(texts: readonly string[], matcher: (text: string) => boolean): string[] {
  return texts.filter((text) => matcher(text) !== badWords.isProfane(text));
}

const corpusLines = (file: string) =>
  readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8').split('\n');

describe('profanity: the same verdicts as bad-words isProfane', () => {
  it('agrees on 6,000 generated strings (list words, case, neighbours, glued words)', () => {
    const next = random(20240501);
    const texts = Array.from({ length: 6000 }, () => generate(next));
    const profane = texts.filter((text) => badWords.isProfane(text)).length;
    // Both verdicts are well represented, so agreement means something.
    expect(profane).toBeGreaterThan(1500);
    expect(texts.length - profane).toBeGreaterThan(1500);
    expect(mismatches(texts, containsProfanity)).toEqual([]);
  }, 60_000);

  it('agrees on every list word alone, upper-cased, and wrapped in word characters', () => {
    const texts = list.flatMap((word) => [
      word,
      word.toUpperCase(),
      `x${word}`,
      `${word}_`,
      ` ${word}.`,
      `é${word}ſ`,
    ]);
    expect(mismatches(texts, containsProfanity)).toEqual([]);
  }, 60_000);

  it('agrees on a realistic corpus of questions', () => {
    const texts = [
      ...corpusLines('clean-with-numbers.txt'),
      ...corpusLines('personal-data.tsv').map((row) => row.split('\t')[0] ?? ''),
      'What the hell is going on with school funding?',
      'God bless the children of Gaza',
      'This is a damn shame, honestly.',
      'Scunthorpe United and the class of 2024 assessed the passage.',
      'He said "f u c k" on stage!',
      'sh!t happens, a$$ets, @$$, b!tch, s.o.b., son-of-a-bitch',
      '我觉得这个问题很重要，谢谢大使！',
    ];
    expect(mismatches(texts, containsProfanity)).toEqual([]);
  }, 60_000);

  it('follows the odd corners of `\\b<word>\\b` exactly', () => {
    const matcher = createProfanityMatcher(['a$$', '*fuck*', 'sob']);
    expect(matcher('a$$')).toBe(false); // no \b after '$' at the end of the text
    expect(matcher('a$$hole')).toBe(true); // there is one before 'h'
    expect(matcher('x*fuck*y')).toBe(true);
    expect(matcher('*fuck*')).toBe(false);
    expect(matcher('SOB')).toBe(true);
    expect(matcher('ſob')).toBe(false); // long s is not 's' without the u flag
    expect(matcher('sob_')).toBe(false); // '_' is a word character
  });
});

describe('profanity: words an event allows', () => {
  it('agrees with bad-words after removeWords of the same words', () => {
    const allowed = ['Wang', 'hell', ' DAMN '];
    const trimmed = new Filter();
    trimmed.removeWords(...allowed.map((word) => word.trim().toLowerCase()));
    const { inText } = profanityCheckAllowing(allowed);
    const texts = [
      'Will Mr Wang come?',
      'What the hell is that?',
      'Damn, that was fast',
      'Hello, shellfish lovers',
      'Wang, you ass',
      'goddamn it',
      'What the fuck',
    ];
    expect(texts.map(inText)).toEqual(texts.map((text) => trimmed.isProfane(text)));
    expect(texts.map(inText)).toEqual([false, false, false, false, true, true, true]);
  });

  it('reaches the question filter', () => {
    expect(createFilter()('Is Mr Wang here?').reasons).toEqual(['profanity']);
    expect(createFilter({ allowedTerms: ['wang'] })('Is Mr Wang here?').verdict).toBe('pass');
  });
});
