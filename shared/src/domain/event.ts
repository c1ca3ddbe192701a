import { z } from 'zod';
import { shortText } from './text';

/**
 * Event codes are what the audience types on a phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
 * 8 characters of this 25-letter alphabet give 1.5e11 codes.
 */
export const EVENT_CODE_ALPHABET = '3467ACDEFGHJKMNPQRTUVWXY9';
export const EVENT_CODE_LENGTH = 8;

/** Upper-cases and drops spaces and dashes, so "acde-fg34" joins ACDEFG34. */
export function normalizeEventCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export const EventCodeSchema = z
  .string()
  .max(32)
  .transform(normalizeEventCode)
  .pipe(
    z
      .string()
      .length(EVENT_CODE_LENGTH)
      .regex(new RegExp(`^[${EVENT_CODE_ALPHABET}]+$`), 'not an event code'),
  );

export const MAX_EVENT_TITLE_LENGTH = 120;
export const EventTitleSchema = shortText(MAX_EVENT_TITLE_LENGTH, 1);

export const DEFAULT_MAX_QUESTION_LENGTH = 300;
/** Bounds for the per-event question length limit a moderator may set. */
export const QuestionLengthLimitSchema = z.number().int().min(20).max(2000);

/** Bounds of slow mode: the least time between two questions of one participant. */
export const SlowModeSecondsSchema = z.number().int().min(0).max(3600);
/** Days the raw text of held and redacted questions is kept after the event ends. */
export const DEFAULT_RETENTION_DAYS = 30;
export const RetentionDaysSchema = z.number().int().min(1).max(365);

/**
 * The public description of an event, with its intake controls.
 * - `open`: questions are accepted (moderators close and reopen it).
 * - `slowModeSeconds`: least seconds between two questions of one participant (0: off).
 * - `preModeration`: on, every question waits for a moderator; off, questions the
 *   filter passes go straight to approved and moderators act after the fact.
 * - `endedAt`: when a moderator ended the event (intake closes for good); retention
 *   counts from there.
 * - `purgedAt`: when the raw texts of held and redacted questions were last purged
 *   (by retention, or a moderator early); null while they are kept.
 * @example { code: 'ACDEFG34', title: 'Ask the ambassador', maxQuestionLength: 300,
 *   createdAt: 1763683200000, open: true, slowModeSeconds: 0, preModeration: true,
 *   endedAt: null, retentionDays: 30, purgedAt: null }
 */
export const EventInfoSchema = z.object({
  code: z.string(),
  title: z.string(),
  maxQuestionLength: z.number().int(),
  createdAt: z.number().int(),
  open: z.boolean(),
  slowModeSeconds: z.number().int(),
  preModeration: z.boolean(),
  endedAt: z.number().int().nullable(),
  retentionDays: z.number().int(),
  purgedAt: z.number().int().nullable(),
});
export type EventInfo = z.infer<typeof EventInfoSchema>;

/** Who a socket speaks for. Moderator and stage prove it with their secret key. */
export const ROLES = ['audience', 'moderator', 'stage'] as const;
export type Role = (typeof ROLES)[number];
