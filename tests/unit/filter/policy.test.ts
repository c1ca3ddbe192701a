import { describe, expect, it } from 'vitest';
import { createFilter, decideVerdict, DEFAULT_POLICY } from '@dais/shared';
import type { FilterReason, ReasonPolicy } from '@dais/shared';

const allReject: ReasonPolicy = {
  profanity: 'reject',
  'blocked-term': 'reject',
  'personal-data': 'reject',
  link: 'reject',
  spam: 'reject',
};

describe('verdict from reasons', () => {
  it('passes without reasons', () => {
    expect(decideVerdict([], DEFAULT_POLICY)).toBe('pass');
  });

  it('follows the policy for configurable reasons', () => {
    expect(decideVerdict(['link'], DEFAULT_POLICY)).toBe('hold');
    expect(decideVerdict(['link'], { ...DEFAULT_POLICY, link: 'reject' })).toBe('reject');
    expect(decideVerdict(['spam'], DEFAULT_POLICY)).toBe('reject');
    expect(decideVerdict(['spam'], { ...DEFAULT_POLICY, spam: 'hold' })).toBe('hold');
  });

  it('rejects when any reason rejects', () => {
    expect(decideVerdict(['profanity', 'spam'], DEFAULT_POLICY)).toBe('reject');
    expect(decideVerdict(['link', 'too-long'], DEFAULT_POLICY)).toBe('reject');
  });

  it.each<FilterReason>(['too-long', 'empty', 'emoji-only'])(
    'always rejects %s, whatever the policy',
    (reason) => {
      expect(decideVerdict([reason], DEFAULT_POLICY)).toBe('reject');
    },
  );

  it('holds safeguarding over any reject', () => {
    expect(decideVerdict(['safeguarding'], allReject)).toBe('hold');
    expect(decideVerdict(['spam', 'too-long', 'safeguarding', 'profanity'], allReject)).toBe(
      'hold',
    );
  });
});

describe('createFilter end to end', () => {
  it('passes an ordinary question unchanged', () => {
    expect(createFilter({})('What can children do to help the planet?')).toEqual({
      verdict: 'pass',
      reasons: [],
      text: 'What can children do to help the planet?',
      redacted: 'What can children do to help the planet?',
    });
  });

  it('lists every reason, in a stable order, and applies the policy', () => {
    const text = 'Damn, my phone is 13812345678, see bit.ly/x';
    expect(createFilter({})(text)).toMatchObject({
      verdict: 'hold',
      reasons: ['profanity', 'personal-data', 'link'],
      redacted: 'Damn, my phone is [phone], see bit.ly/x',
    });
    expect(createFilter({ policy: { ...DEFAULT_POLICY, link: 'reject' } })(text).verdict).toBe(
      'reject',
    );
  });

  it('holds a child at risk even inside a question that is too long and shouted', () => {
    const result = createFilter({ maxLength: 20, policy: allReject })(
      'PLEASE HELP ME, MY STEPDAD HITS ME EVERY NIGHT',
    );
    expect(result.verdict).toBe('hold');
    expect(result.reasons).toEqual(['safeguarding', 'spam', 'too-long']);
  });

  it('finds profanity hidden by invisible or full-width characters', () => {
    const filter = createFilter({});
    expect(filter('sh\u200Bit').reasons).toContain('profanity');
    expect(filter('ｓｈｉｔ').reasons).toContain('profanity');
  });
});
