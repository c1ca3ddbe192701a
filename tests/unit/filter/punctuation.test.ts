import { describe, expect, it } from 'vitest';
import {
  containsLink,
  createBlockedTermMatcher,
  createFilter,
  hasSafeguardingSignal,
  isSymbolsOnly,
  looksLikeSpam,
  redactPersonalData,
  sanitizeText,
  toMatchingText,
} from '@dais/shared';

const filter = createFilter({});

describe('Chinese punctuation is kept as typed', () => {
  it('in the stored text, while full-width letters and digits still become ASCII', () => {
    expect(sanitizeText('，。！？：；（）“”、')).toBe('，。！？：；（）“”、');
    expect(filter('ｈｅｌｌｏ，世界！（１２３）：“好”；再见、谢谢。')).toEqual({
      verdict: 'pass',
      reasons: [],
      text: 'hello，世界！（123）：“好”；再见、谢谢。',
      redacted: 'hello，世界！（123）：“好”；再见、谢谢。',
    });
  });

  it('in the redacted text', () => {
    expect(filter('我的QQ：12345678，谢谢！')).toMatchObject({
      reasons: ['personal-data'],
      text: '我的QQ：12345678，谢谢！',
      redacted: '我的QQ：[QQ]，谢谢！',
    });
    expect(filter('ｈｉ，QQ：12345678').redacted).toBe('hi，QQ：[QQ]');
  });

  it('has a matching form where it is ASCII, as plain NFKC makes it', () => {
    expect(toMatchingText('你好，世界！（对吗？）：是；')).toBe('你好,世界!(对吗?):是;');
    expect(toMatchingText('。、“”')).toBe('。、“”');
    const typed = '谁知道，这个（问题）怎么办？';
    expect(toMatchingText(sanitizeText(typed))).toBe(typed.normalize('NFKC'));
  });
});

describe('matching reads Chinese punctuation as its ASCII twin', () => {
  it('personal data: （010） is a bracketed area code, ： introduces a value', () => {
    expect(redactPersonalData('电话（010）12345678，谢谢')).toEqual({
      redacted: '电话[电话]，谢谢',
      kinds: ['phone'],
    });
    expect(redactPersonalData('微信：abc_123，谢谢').redacted).toBe('微信：[微信]，谢谢');
    expect(redactPersonalData('kid（at）example（dot）com').kinds).toEqual(['email']);
    expect(redactPersonalData('Lincoln Elementary， class 3B， Amy Chen').kinds).toEqual([
      'school-class',
    ]);
  });

  it('profanity: the list has "sh!t"', () => {
    expect(filter('这是sh！t吗？').reasons).toEqual(['profanity']);
  });

  it('links: http：// is a scheme', () => {
    expect(containsLink('打开http：//localhost/a')).toBe(true);
    expect(filter('打开http：//localhost/a').reasons).toEqual(['link']);
  });

  it('spam: a run of ？ and ? is one run', () => {
    expect(looksLikeSpam('？?？?？?？?？?')).toBe(true);
    expect(looksLikeSpam('好的，好的,好的，好的,好的！')).toBe(true);
    expect(looksLikeSpam('哈哈哈，谢谢大使！')).toBe(false);
  });

  it('blocked terms of symbols: ！！ and !! are the same term', () => {
    expect(createBlockedTermMatcher(['！！'])('真的!!')).toBe(true);
    expect(createBlockedTermMatcher(['!!'])('真的！！')).toBe(true);
    expect(createFilter({ blockedTerms: ['！！'] })('真的！！').reasons).toEqual(['blocked-term']);
  });

  it('safeguarding and symbols-only are unchanged', () => {
    expect(hasSafeguardingSignal('我被同学打了！')).toBe(true);
    expect(isSymbolsOnly('！？（）')).toBe(true);
    expect(filter('！？（）')).toMatchObject({ reasons: ['emoji-only'], text: '！？（）' });
  });
});
