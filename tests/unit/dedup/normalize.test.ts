import { normalize, tokenize } from '@dais/shared';
import { describe, expect, it } from 'vitest';

/** The same tokens, whatever their order. */
function sameTokens(a: string, b: string): void {
  expect([...tokenize(a)].sort()).toEqual([...tokenize(b)].sort());
}

describe('normalize: noise', () => {
  it('folds width and case and drops punctuation, emoji and spaces', () => {
    expect(normalize('ＷＨＹ is the SKY blue？？ 🤔')).toBe(normalize('Why is the sky blue'));
    expect(normalize('为啥今年夏天这么热啊？？😅')).toBe('为什么 今年 夏天 热');
  });

  it('is empty for a text with nothing to match', () => {
    expect(normalize('？？？ 🙂🙂')).toBe('');
    expect(normalize('吗呢啊')).toBe('');
  });
});

describe('normalize: English', () => {
  it('expands contractions and their chat forms, keeping the negation', () => {
    sameTokens(
      "Why don't schools teach personal finance?",
      'Why do schools not teach personal finance?',
    );
    sameTokens(
      'why dont schools teach personal finance',
      'Why do schools not teach personal finance?',
    );
    expect(tokenize("Why can't kids vote?")).toContain('not');
  });

  it('reads chat forms, British spelling and number words', () => {
    expect(normalize('whats ur favorite color')).toBe(normalize('What is your favourite colour?'));
    expect(normalize('Is the four day week realistic?')).toBe('4 day week realistic');
    expect(normalize('Will the memorised scripts be cancelled?')).toBe(
      normalize('will the memorized scripts be canceled'),
    );
  });

  it('stems lightly and folds common synonyms', () => {
    expect(normalize('countries')).toBe(normalize('country'));
    expect(normalize('studies')).toBe(normalize('studied'));
    expect(normalize('kids')).toBe('child');
    expect(normalize('The children are playing')).toBe(normalize('a child plays'));
    expect(normalize('What movie?')).toBe(normalize('which film'));
  });

  it('drops framing and politeness, and reads "what time" as "when"', () => {
    expect(normalize('Can you please tell us what time the show ends?')).toBe('when show end');
    expect(normalize('Do you think the voting age should be lowered?')).toBe(
      normalize('should the voting age be lowered'),
    );
  });

  it('keeps "when" that asks, not "when" that joins a clause', () => {
    expect(tokenize('When does the show end?')).toContain('when');
    expect(tokenize('How did you feel when you scored?')).not.toContain('when');
    expect(tokenize('the sound is so bad, why?')).toContain('why');
  });

  it('reads pronoun forms as persons', () => {
    expect(normalize('their kids and our kids, me and him')).toBe('they child we child i he');
  });
});

describe('normalize: Chinese', () => {
  it('folds question-word variants', () => {
    expect(normalize('请问怎样才能学好英语呢？')).toBe(normalize('如何学好英语'));
    expect(normalize('咋用苹果手机截图')).toBe(normalize('怎么用苹果手机截图'));
    expect(normalize('你准备啥时候退役')).toContain('什么时候');
    // "怎么 + 这么" asks why.
    expect(normalize('声音怎么这么小')).toBe('声音 为什么 小');
  });

  it('drops particles and reads "X不X" as a yes-or-no question, not a negation', () => {
    expect(normalize('这个手机安不安全')).toBe(normalize('这个手机安全吗'));
    expect(normalize('你有没有去过北京')).toBe(normalize('你去过北京吗'));
    expect(tokenize('你想过放弃演戏吗')).not.toContain('不');
    expect(tokenize('为什么很多孩子不愿意上学')).toContain('不');
  });

  it('reads numerals before a measure word as digits, and only there', () => {
    expect(normalize('十六岁可以打工吗')).toBe(normalize('16岁能打工吗'));
    expect(normalize('二零二四年')).toBe('2024 年');
    expect(tokenize('一年会得两次流感吗')).toContain('2');
    expect(normalize('千万不要复制')).not.toMatch(/\d/);
  });

  it('compares characters and the pairs inside words, and counts a repeated character', () => {
    expect(tokenize('北京到上海要多久')).toEqual([
      '北',
      '京',
      '北京',
      '到',
      '上',
      '海',
      '上海',
      '多久',
    ]);
    expect(tokenize('破釜沉舟的釜是什么意思')).toContain('釜#2');
  });
});
