import { describe, expect, it } from 'vitest';
import { DAY_MS, PURGED_TEXT, purgeDueAt, purgedText } from '@dais/shared';

describe('retention', () => {
  it('is due retentionDays after the event ended, and never while it runs', () => {
    expect(purgeDueAt({ endedAt: null, retentionDays: 30 })).toBeNull();
    expect(purgeDueAt({ endedAt: 1_000, retentionDays: 30 })).toBe(1_000 + 30 * DAY_MS);
  });

  it('replaces a redacted or edited raw text by the public one', () => {
    expect(
      purgedText({
        text: '请打13812345678联系我',
        publicText: '请打[电话]联系我',
        reasons: ['personal-data'],
        status: 'held',
      }),
    ).toEqual({ text: '请打[电话]联系我', publicText: '请打[电话]联系我' });
    expect(
      purgedText({
        text: 'Email li.ming@example.com',
        publicText: 'How do I reach you?',
        reasons: ['personal-data'],
        status: 'approved',
      }),
    ).toEqual({ text: 'How do I reach you?', publicText: 'How do I reach you?' });
  });

  it('keeps questions whose raw text is their public text', () => {
    for (const status of ['pending', 'approved', 'held', 'rejected'] as const) {
      expect(purgedText({ text: 'Why?', publicText: 'Why?', reasons: [], status })).toBeNull();
    }
    expect(
      purgedText({ text: 'damn', publicText: 'damn', reasons: ['profanity'], status: 'held' }),
    ).toBeNull();
  });

  it('removes the words of a safeguarding question that is not public', () => {
    const words = {
      text: '我不想活了',
      publicText: '我不想活了',
      reasons: ['safeguarding' as const],
    };
    expect(purgedText({ ...words, status: 'held' })).toEqual({
      text: PURGED_TEXT,
      publicText: PURGED_TEXT,
    });
    expect(purgedText({ ...words, status: 'rejected' })).toEqual({
      text: PURGED_TEXT,
      publicText: PURGED_TEXT,
    });
    // Approved only with a moderator's edit: that edit is what stays.
    expect(
      purgedText({
        text: '我不想活了',
        publicText: '学生心理健康怎么支持？',
        reasons: ['safeguarding'],
        status: 'approved',
      }),
    ).toEqual({ text: '学生心理健康怎么支持？', publicText: '学生心理健康怎么支持？' });
  });

  it('changes nothing the second time', () => {
    const inputs = [
      { text: 'a 13812345678', publicText: 'a [电话]', reasons: ['personal-data'], status: 'held' },
      { text: 'x', publicText: 'x', reasons: ['safeguarding'], status: 'rejected' },
    ] as const;
    for (const input of inputs) {
      const once = { ...input, ...purgedText({ ...input, reasons: [...input.reasons] })! };
      expect(purgedText({ ...once, reasons: [...once.reasons] })).toBeNull();
    }
  });
});
