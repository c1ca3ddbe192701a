import type { EventInfo } from './event';
import { isPublicStatus, type Question } from './question';

export const DAY_MS = 86_400_000;

/** What a purged question shows when none of its text may be kept. */
export const PURGED_TEXT = '[…]';

/** When an ended event's raw question texts are due for purging; null while it runs. */
export function purgeDueAt(event: Pick<EventInfo, 'endedAt' | 'retentionDays'>): number | null {
  return event.endedAt === null ? null : event.endedAt + event.retentionDays * DAY_MS;
}

/**
 * What a question keeps of its text after a purge, or null when it keeps all of it.
 * - Its raw text differs from the public one (personal data redacted, or a moderator's
 *   edit): the raw text is replaced by the public text.
 * - Held for safeguarding and not public now: its public text is the asker's own
 *   words (a moderator never published an edit of them), and those words are about
 *   someone at risk, so both texts are replaced by PURGED_TEXT.
 * Anything else (including held questions whose raw and public text are the same,
 * e.g. profanity) is kept as it is.
 */
export function purgedText(
  q: Pick<Question, 'text' | 'publicText' | 'reasons' | 'status'>,
): { text: string; publicText: string } | null {
  if (q.reasons.includes('safeguarding') && !isPublicStatus(q.status)) {
    if (q.text === PURGED_TEXT && q.publicText === PURGED_TEXT) return null;
    return { text: PURGED_TEXT, publicText: PURGED_TEXT };
  }
  if (q.text !== q.publicText) return { text: q.publicText, publicText: q.publicText };
  return null;
}
