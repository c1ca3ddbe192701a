import { describe, expect, it } from 'vitest';
import {
  EventCodeSchema,
  JoinSchema,
  normalizeEventCode,
  SubmitSchema,
  textLength,
} from '@dais/shared';

describe('question text', () => {
  it('counts characters as people do, Chinese and emoji included', () => {
    expect(textLength('儿童权利')).toBe(4);
    expect(textLength('Hi 👋')).toBe(4);
    expect(textLength('')).toBe(0);
  });
});

describe('event codes', () => {
  it('accepts what people type: lower case, spaces, dashes', () => {
    expect(normalizeEventCode(' acde-fg34 ')).toBe('ACDEFG34');
    expect(EventCodeSchema.parse('acde fg34')).toBe('ACDEFG34');
  });

  it('refuses ambiguous letters and wrong lengths', () => {
    for (const code of ['ACDEFG3O', 'ACDEFG31', 'ACDEFG3', 'ACDEFG344']) {
      expect(EventCodeSchema.safeParse(code).success).toBe(false);
    }
  });
});

describe('payload schemas', () => {
  it('requires a key for the moderator and the stage, not for the audience', () => {
    expect(JoinSchema.safeParse({ code: 'ACDEFG34', role: 'audience' }).success).toBe(true);
    expect(JoinSchema.safeParse({ code: 'ACDEFG34', role: 'stage' }).success).toBe(false);
    expect(JoinSchema.safeParse({ code: 'ACDEFG34', role: 'stage', key: 'k' }).success).toBe(true);
  });

  it('trims display names and caps them at 40 characters', () => {
    expect(SubmitSchema.parse({ text: 'q', name: '  Li  ' }).name).toBe('Li');
    expect(SubmitSchema.safeParse({ text: 'q', name: 'n'.repeat(41) }).success).toBe(false);
  });
});
