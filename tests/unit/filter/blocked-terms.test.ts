import { describe, expect, it } from 'vitest';
import { createBlockedTermMatcher, createFilter } from '@dais/shared';

/** Through the whole filter, so hygiene (NFKC, zero-width) plays its part as in production. */
function blockedBy(terms: string[]) {
  const filter = createFilter({ blockedTerms: terms });
  return (text: string) => filter(text).reasons.includes('blocked-term');
}

describe('blocked terms, English', () => {
  const blocked = blockedBy(['bad', 'ass', 'kill', 'blow job']);

  it.each([
    'BAD idea',
    'ｂａｄ', // full-width
    'b a d',
    'b.a.d',
    'b-a-d',
    'b_a_d!',
    'b4d',
    'baaaad',
    'B.4.A.A.D',
    'bád', // accent
    'bаd', // Cyrillic а
    'b\u200Bad', // zero-width space
    'what an a$$',
    'a s s',
    'ki11 it',
    'k1ll it',
    'kiiiill',
    'blowjob',
    'blow   job',
    'is it a b.a.d idea', // spelled out right after a one-letter word
    'I think a B-A-D one',
  ])('catches %j', (text) => {
    expect(blocked(text)).toBe(true);
  });

  it.each([
    'badge',
    'abad',
    'a bade',
    'class', // "ass" inside a word
    'assess the pass',
    'as we said',
    'skill',
    'killer whales', // whole words only
    'blow the job away',
    'a b c d',
  ])('leaves %j alone', (text) => {
    expect(blocked(text)).toBe(false);
  });
});

describe('blocked terms, Chinese', () => {
  const blocked = blockedBy(['坏蛋', '垃圾']);

  it.each(['你这个坏蛋', '坏 蛋', '坏.蛋', '坏-蛋', '坏　蛋', '坏坏蛋', '垃\u200B圾', '垃 圾 桶'])(
    'catches %j',
    (text) => {
      expect(blocked(text)).toBe(true);
    },
  );

  it.each(['坏了的鸡蛋', '蛋坏了', '拉圾', '好人'])('leaves %j alone', (text) => {
    expect(blocked(text)).toBe(false);
  });

  it('finds English terms inside Chinese text, whose characters are word boundaries', () => {
    expect(blockedBy(['bad'])('你是bad人')).toBe(true);
  });
});

describe('blocked term lists', () => {
  it('ignores blank entries', () => {
    const matcher = createBlockedTermMatcher(['', '   ', '\u200B']);
    expect(matcher('anything at all')).toBe(false);
  });

  it('matches terms without letters, such as an emoji, as they are', () => {
    const matcher = createBlockedTermMatcher(['🖕']);
    expect(matcher('hey 🖕')).toBe(true);
    expect(matcher('hey 👍')).toBe(false);
  });

  it('matches numbers at word boundaries, spaced out or not', () => {
    const matcher = createBlockedTermMatcher(['8964']);
    expect(matcher('8964')).toBe(true);
    expect(matcher('8 9 6 4')).toBe(true);
    expect(matcher('189645')).toBe(false);
  });

  it('changes when the server compiles a new filter with new terms', () => {
    expect(blockedBy([])('bad')).toBe(false);
    expect(blockedBy(['bad'])('bad')).toBe(true);
  });
});
