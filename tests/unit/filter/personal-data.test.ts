import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFilter, hasValidIdCheckDigit, redactPersonalData, sanitizeText } from '@dais/shared';

const filter = createFilter({});
const read = (file: string) =>
  readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8').split('\n');

const corpus = read('personal-data.tsv')
  .slice(1)
  .filter((row) => row.trim())
  .map((row) => {
    const [text = '', expected = ''] = row.split('\t');
    return { text, expected };
  });

describe('personal data corpus (tests/data/personal-data.tsv)', () => {
  it('has at least 80 cases in both languages', () => {
    const chinese = corpus.filter(({ text }) => /\p{sc=Han}/u.test(text));
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(chinese.length).toBeGreaterThanOrEqual(30);
    expect(corpus.length - chinese.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus)('holds and redacts $text', ({ text, expected }) => {
    const result = filter(text);
    expect(result.verdict).toBe('hold');
    expect(result.reasons).toContain('personal-data');
    // The expected text is written as typed; the filter's text is sanitized (NFKC, but
    // Chinese punctuation such as "，" stays as typed), so compare it sanitized too.
    expect(result.redacted).toBe(sanitizeText(expected));
  });
});

describe('clean questions with numbers (tests/data/clean-with-numbers.txt)', () => {
  const questions = read('clean-with-numbers.txt').filter((line) => line.trim());

  it('has at least 150 questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
  });

  it('holds at most 1 in 25, and leaves every number untouched', () => {
    const stopped = questions.filter((text) => filter(text).verdict !== 'pass');
    expect(stopped.length).toBeLessThanOrEqual(questions.length / 25);
    const redacted = questions.filter(
      (text) => redactPersonalData(sanitizeText(text)).kinds.length,
    );
    expect(redacted).toEqual([]);
  });
});

describe('personal data details', () => {
  it('names the kind in the language of the question', () => {
    expect(redactPersonalData('Email kid@example.com').redacted).toBe('Email [email]');
    expect(redactPersonalData('邮箱kid@example.com').redacted).toBe('邮箱[邮箱]');
    expect(redactPersonalData('QQ 12345678 微信 abc_123 电话13812345678')).toEqual({
      redacted: 'QQ [QQ] 微信 [微信] 电话[电话]',
      kinds: ['qq', 'wechat', 'phone'],
    });
  });

  it('checks the ID check digit (ISO 7064 MOD 11-2)', () => {
    expect(hasValidIdCheckDigit('110101200501011239')).toBe(true);
    expect(hasValidIdCheckDigit('42010620090810102X')).toBe(true);
    expect(hasValidIdCheckDigit('110101200501011238')).toBe(false);
    // Without the word 身份证, an 18-digit number with a wrong check digit is not an ID.
    expect(redactPersonalData('编号110101200501011238').kinds).toEqual([]);
  });

  it.each([
    '2024年5月1日',
    '2024-05-01 10:30',
    '70,000 children',
    '7万名儿童',
    '¥199 or $25.99',
    '95% of 1.6 billion',
    'version 2.3.1',
    'I am 12 years old',
    '我今年12岁',
    'between 2000 and 2020',
    '13,800,000,000 dollars',
    'the 2024 Main Street festival',
    'wechat is popular',
    'I use WeChat every day',
    '农村小学三年级的学生',
    'grade 3 at public schools',
    '十八届三中全会',
  ])('leaves %j alone', (text) => {
    expect(redactPersonalData(text)).toEqual({ redacted: text, kinds: [] });
  });
});
