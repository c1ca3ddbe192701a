import { describe, expect, it } from 'vitest';
import {
  CreateEventSchema,
  EventCodeSchema,
  RejectSchema,
  JoinSchema,
  MAX_DISPLAY_NAME_LENGTH,
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

describe('short texts people see: names, titles, reasons', () => {
  const code = 'ACDEFG34';
  it('lose the characters that hide or reorder what a screen shows', () => {
    // U+202E would show "Li" + "oiram" reversed, as "Limario".
    const submitted = SubmitSchema.parse({ text: 'Hello?', name: ' Li\u202Eoiram\u200B ' });
    expect(submitted.name).toBe('Lioiram');
    const moderator = JoinSchema.parse({
      code,
      role: 'moderator',
      key: 'k',
      name: '\u2066Mei\u2069',
    });
    expect(moderator).toMatchObject({ name: 'Mei' });
    expect(CreateEventSchema.parse({ title: '\u202Dｈｅｌｌｏ，世界' }).title).toBe('hello，世界');
    const rejected = RejectSchema.parse({ questionId: 'q1', reason: 'Off\u200B-topic\u202E' });
    expect(rejected.reason).toBe('Off-topic');
  });

  it('are bounded after cleaning, and a title of nothing but invisible characters is refused', () => {
    const invisible = '\u200B'.repeat(MAX_DISPLAY_NAME_LENGTH);
    expect(SubmitSchema.parse({ text: 'Hello?', name: `${invisible}Li` }).name).toBe('Li');
    expect(
      SubmitSchema.safeParse({ text: 'Hi', name: 'x'.repeat(MAX_DISPLAY_NAME_LENGTH + 1) }).success,
    ).toBe(false);
    expect(CreateEventSchema.safeParse({ title: '\u200B\u202E ' }).success).toBe(false);
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
