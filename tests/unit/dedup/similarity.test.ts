import { fileURLToPath } from 'node:url';
import {
  DUPLICATE_THRESHOLD,
  explainSimilarity,
  fingerprint,
  isDuplicate,
  similarity,
  type DifferenceKind,
} from '@dais/shared';
import { describe, expect, it } from 'vitest';
import { readPairs } from '../../scripts/eval-dedup';

const compare = (a: string, b: string) => explainSimilarity(fingerprint(a), fingerprint(b));

describe('the same question in other words', () => {
  it.each([
    ["Why don't schools teach personal finance?", 'Why do schools not teach personal finance?'],
    ['Is it safe to drink coffee every day?', 'Is drinking coffee every day safe?'],
    ['What is your favourite movie of all time?', 'whats ur favorite film of all time'],
    ['Is a four day work week realistic?', 'Is the 4 day work week realistic?'],
    ['Why is the sky blue?', 'why is the sky blue??'],
    ['What time does the event end?', 'When does the event finish?'],
    ['为什么今年夏天这么热', '为啥今年夏天这么热啊'],
    ['十六岁可以打工吗', '16岁能打工吗'],
    ['轻断食安全吗', '轻断食安不安全？'],
    ['声音怎么这么小', '为什么声音这么小？'],
    ['童工问题现在还严重吗', '现在童工问题还严重吗？'],
    ['怎么辨别红米手机的真假', '红米手机怎么辨别真假'],
  ])('%s = %s', (a, b) => {
    expect(similarity(fingerprint(a), fingerprint(b))).toBe(1);
    expect(isDuplicate(fingerprint(a), fingerprint(b))).toBe(true);
  });

  it.each([
    ['大学学费为什么这么贵', '为什么大学学费这么高？'],
    ['植树真的能抵消碳排放吗', '种树真的可以抵消碳排放吗'],
  ])('tolerates one word the lexicon does not know as a synonym: %s = %s', (a, b) => {
    const pair = compare(a, b);
    expect(pair.differences.map((d) => d.kind)).toEqual(['substitution']);
    expect(pair.similarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });
});

describe('a different question with most words in common', () => {
  it.each<[string, string, DifferenceKind]>([
    [
      'Should the voting age be lowered to 16?',
      'Should the voting age be lowered to 17?',
      'number',
    ],
    ['16岁可以打工吗', '14岁可以打工吗', 'number'],
    ['Why do people trust vaccines?', "Why don't people trust vaccines?", 'negation'],
    ['为什么很多留守儿童不愿意上学', '为什么很多留守儿童愿意上学', 'negation'],
    ['Do you get nervous before premieres?', 'Do you get nervous after premieres?', 'contrast'],
    ["What's your favorite food?", "What's your least favorite food?", 'contrast'],
    ['Who will win the World Cup this year?', 'Who won the World Cup last year?', 'contrast'],
    [
      'Should public transport be free?',
      'Should public transport be free for students?',
      'contrast',
    ],
    ['男孩可以穿裙子上学吗', '女孩可以穿裙子上学吗', 'contrast'],
    ['今年夏天为什么这么热', '去年夏天为什么这么热', 'contrast'],
    ['你会说中文吗', '我会说中文吗', 'contrast'],
    ['When are you going to retire?', 'Why did you decide to retire?', 'question'],
    ['你打算什么时候退役', '你为什么决定退役', 'question'],
    [
      'Do children have a right to privacy from their parents?',
      'Do parents have a right to privacy from their children?',
      'order',
    ],
    ['北京到上海坐高铁要多久', '上海到北京坐高铁要多久', 'order'],
    ['杨幂喜欢谁', '谁喜欢杨幂', 'order'],
    ['破釜沉舟是什么意思', '破釜沉舟的釜是什么意思', 'specific'],
    ['这个表情叫什么', '这个猫的表情叫什么', 'specific'],
    [
      'Is it safe to drink coffee every day?',
      'Is it safe to drink alcohol every day?',
      'substitution',
    ],
    ['学英语最好的方法是什么', '学日语最好的方法是什么', 'substitution'],
  ])('%s ≠ %s (%s)', (a, b, kind) => {
    const pair = compare(a, b);
    expect(pair.differences.map((d) => d.kind)).toContain(kind);
    expect(pair.similarity).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(isDuplicate(fingerprint(a), fingerprint(b))).toBe(false);
  });

  it('names the tokens that differ', () => {
    expect(compare('16岁可以打工吗', '14岁可以打工吗').differences[0]).toEqual({
      kind: 'number',
      a: ['16'],
      b: ['14'],
    });
  });
});

describe('similarity as a measure', () => {
  const pairs = ['dedup-en.tsv', 'dedup-zh.tsv'].flatMap((name) =>
    readPairs(fileURLToPath(new URL(`../../data/${name}`, import.meta.url))),
  );

  it('is symmetric, in [0, 1], and never above the Jaccard index the LSH bands assume', () => {
    for (const { a, b } of pairs) {
      const [fa, fb] = [fingerprint(a), fingerprint(b)];
      const ab = explainSimilarity(fa, fb);
      expect(similarity(fb, fa)).toBeCloseTo(ab.similarity, 12);
      expect(ab.similarity).toBeGreaterThanOrEqual(0);
      expect(ab.similarity).toBeLessThanOrEqual(ab.jaccard);
      expect(ab.jaccard).toBeLessThanOrEqual(1);
    }
  });

  it('is 1 for a question and itself, and 0 when either has nothing to compare', () => {
    for (const { a } of pairs.slice(0, 50))
      expect(similarity(fingerprint(a), fingerprint(a))).toBe(1);
    expect(similarity(fingerprint('？？'), fingerprint('？？'))).toBe(0);
    expect(similarity(fingerprint('吗'), fingerprint('Why is the sky blue?'))).toBe(0);
  });

  it('does not count pronouns toward the overlap, only against each other', () => {
    expect(similarity(fingerprint('你拍戏受过伤吗'), fingerprint('拍戏受过伤吗'))).toBe(1);
    expect(compare('你拍戏受过伤吗', '我拍戏受过伤吗').differences.map((d) => d.kind)).toEqual([
      'contrast',
    ]);
  });
});
