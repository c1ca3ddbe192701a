import { z } from 'zod';
import { sanitizeText } from '../moderation/filter/hygiene';

/** Length as a person counts it: code points, so one Chinese character or emoji is one. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export const MAX_DISPLAY_NAME_LENGTH = 40;

/**
 * A short text that people type and others see (display names, event titles,
 * rejection reasons): it gets the questions' hygiene first (no control, invisible or
 * direction-changing characters, which could reorder or hide what a screen shows;
 * NFKC; trimmed), then its bounds.
 *
 * @example shortText(40).parse('Li\u202Eoiram ') // 'Lioiram'
 */
export const shortText = (max: number, min = 0) =>
  z
    .string()
    .describe(`${min}-${max} characters once invisible and bidi characters are removed`)
    .transform(sanitizeText)
    .pipe(z.string().min(min).max(max));
