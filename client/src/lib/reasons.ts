import type { FilterReason } from '@dais/shared';

/** The one place filter reasons become words (moderators only: askers never see them). */
export const REASON_LABELS: Record<FilterReason, string> = {
  profanity: 'profanity',
  'blocked-term': 'blocked term',
  'personal-data': 'personal data',
  safeguarding: 'safeguarding',
  link: 'link',
  spam: 'spam',
  'too-long': 'too long',
  empty: 'empty',
  'emoji-only': 'emoji only',
};
